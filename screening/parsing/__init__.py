"""PDF résumé parsing: bytes -> :class:`ParsedResume` (text with offsets, pages, sections,
positions, skills, PII spans, quality).

Entry points: :func:`screening.parsing.pipeline.parse_pdf` (in-process, trusted input)
and :class:`screening.parsing.isolation.ParserPool` (worker processes with time and
memory limits, for anything uploaded).
"""

from screening.parsing.errors import ERROR_CODES, ErrorCode, ParseError
from screening.parsing.model import PARSER_VERSION, ParsedResume, ParseFailure

__all__ = ["ERROR_CODES", "PARSER_VERSION", "ErrorCode", "ParseError", "ParseFailure", "ParsedResume"]
