"""Paraphrase templates for every printed fact, in English and Chinese, and distractor sentences.

Data only. Every label-bearing fact has at least five English phrasings (and two or more
Chinese ones); distractors reuse the same vocabulary (promoted, launch, countries, founded,
mentoring, award, crypto) in ways that are *not* evidence, so that no phrase alone gives a
label away. ``{placeholders}`` are filled by :func:`training.corpus.wording.fill`.
"""

from __future__ import annotations

EVENTS: dict[str, tuple[str, ...]] = {
    "multinational_team": (
        "Worked in a distributed team of {n2} people across {n1} time zones.",
        "Coordinated a delivery team spread over {n1} countries.",
        "Partnered with colleagues in {n1} regional offices across Asia, Europe and the Americas.",
        "Led a multinational team of {n2} people of {n1} nationalities.",
        "Ran weekly stand-ups for a cross-border team in {n1} countries.",
        "Supported clients and colleagues across {n1} markets in a multicultural team.",
    ),
    "merger": (
        "Integrated two teams and their processes after the {year} merger.",
        "Kept service levels stable through the company's acquisition by a larger competitor.",
        "Moved {n3} client accounts onto the acquirer's systems after the merger.",
        "Led the team through a post-merger integration lasting {n1} months.",
        "Helped combine the policies and staff of the two firms after the {year} acquisition.",
    ),
    "reorganisation": (
        "Rebuilt the team's roles and reporting lines during a company-wide restructuring.",
        "Delivered targets through a reorganisation that cut the department by a third.",
        "Took over {n1} new functions when the division was reorganised in {year}.",
        "Redesigned workflows after the {year} restructuring merged three teams into one.",
        "Kept the unit running through two rounds of reorganisation.",
    ),
    "migration": (
        "Moved the department from spreadsheets to {system} with no data loss.",
        "Led the switch to a new {system} system for {n2} users.",
        "Delivered the {year} migration to {system} on schedule.",
        "Cut over {n3} records to the new {system} platform in one weekend.",
        "Planned and ran the move from paper records to {system}.",
    ),
    "crisis": (
        "Kept operations running during the {year} lockdowns by moving the team to remote service.",
        "Handled the response to a major outage affecting {n3} customers.",
        "Managed the team through a cyber incident and restored service within {n1} days.",
        "Rebuilt schedules and supply after a flood closed the main site.",
        "Stayed on through a sudden funding crisis and kept the key customers.",
    ),
    "market_launch": (
        "Opened the company's first office in {city}, hiring the first {n2} staff.",
        "Launched the business in {n1} new markets within a year.",
        "Set up operations in {city} from scratch.",
        "Took the business into the {region} market, reaching {n3} customers in the first year.",
        "Led the entry into {region} markets, from permits to first revenue.",
    ),
    "cross_functional": (
        "Worked with sales, legal and operations on a {n1}-month programme.",
        "Partnered every week with the product, finance and support teams.",
        "Served on a cross-functional steering group with engineering and marketing.",
        "Coordinated with {n1} departments to deliver shared quarterly goals.",
        "Sat with the operations and IT teams to redesign a shared process.",
    ),
    "learned_fast": (
        "Learned {tool} in {n1} weeks to take over the team's reporting.",
        "Picked up a new domain within {n1} months and became the team's go-to person.",
        "Taught myself {tool} to automate the weekly reports.",
        "Got up to speed on {tool} in a month and trained colleagues on it.",
        "Moved into a new area with no prior experience and was fully productive within {n1} weeks.",
    ),
    "scope_growth": (
        "Grew from managing {n1} people to a team of {n2}.",
        "Budget responsibility rose from {m_from} to {m_to} over {n1} years.",
        "Took on {n1} more sites, growing the team to {n2}.",
        "Expanded the portfolio I managed from {n2} to {n3} accounts.",
        "Scope widened every year, from one product line to {n1}.",
    ),
    "top_ranked": (
        "Ranked No. 1 of {n2} colleagues in the region in {year}.",
        "Rated top performer in the department for {n1} consecutive years.",
        "Received the highest performance rating, given to the top 5% of staff.",
        "Finished first in the company's annual performance ranking in {year}.",
        "Top-ranked out of {n3} staff nationwide in {year}.",
    ),
    "selective_programme": (
        "Selected for the graduate leadership programme ({n1} places from {big} applicants).",
        "Chosen for the company's high-potential leadership track in {year}.",
        "One of {n2} employees picked for the executive development programme.",
        "Joined through a competitive management-trainee scheme.",
        "Nominated to the regional emerging-leaders programme in {year}.",
    ),
    "peer_rank": (
        "Placed in the top quarter of {n2} colleagues on customer scores.",
        "Closed {pct}% more business than the team average.",
        "Customer satisfaction above the regional average for {n1} quarters in a row.",
        "Ranked number {n1} of {n2} on the team for accuracy.",
        "Beat the team average on productivity in {small} of 5 quarters.",
    ),
    "early_responsibility": (
        "Acted as team lead within my first year.",
        "Trusted with the department's largest client while still at junior level.",
        "Ran the month-end process alone from my second month.",
        "Covered for the manager for {n1} months as a first-year employee.",
        "Given sign-off authority normally reserved for senior staff.",
    ),
    "product_launch": (
        "Launched a new service line that reached {n3} customers in {n1} months.",
        "Introduced a new offering that brought in {money} in its first year.",
        "Built and launched the company's first subscription product, from idea to release.",
        "Created a new package for small businesses, signing {n2} clients in the first quarter.",
        "Rolled out a new product line now sold in {n2} locations.",
    ),
    "initiative": (
        "Started a {topic} programme on my own initiative, later adopted company-wide.",
        "Proposed and built a {topic} tool outside my role, now used by {n2} colleagues.",
        "Set up the team's first {topic} process without being asked.",
        "Took the initiative to create a {topic} scheme that saved {money} a year.",
        "Created a {topic} initiative beyond my job description that {n1} departments joined.",
    ),
    "stretch_target": (
        "Grew annual revenue from {m_from} to {m_to} in {n1} years.",
        "Achieved {pct_high}% of an annual target that had been raised by half.",
        "Took the book of business from {m_from} to {m_to} against a stretch goal.",
        "Hit a stretch target of {n3} new clients, up from {n2} the year before.",
        "Exceeded quota at {pct_high}% for {n1} straight years.",
        "Doubled the customer base from {a}k to {b}k in {n1} months.",
    ),
    "leads_programme": (
        "Led the {topic} programme for the department.",
        "Ran the company's {topic} working group of {n2} volunteers.",
        "Headed a {n1}-month {topic} project with {n2} colleagues.",
        "Chaired the {topic} committee for {n1} years.",
        "Coordinated the site's {topic} initiative from planning to review.",
    ),
    "mentoring": (
        "Mentored {n1} junior colleagues through their first year.",
        "Coached new hires and ran the buddy programme.",
        "Trained and mentored {n2} interns over {n1} summers.",
        "Supervised and developed {n1} trainees.",
        "Acted as a mentor in the company's development scheme.",
    ),
    "volunteered_harder": (
        "Volunteered for the hardest client accounts nobody else wanted.",
        "Asked to take on the turnaround of the lowest-performing site.",
        "Volunteered to cover the most complex cases during staff shortages.",
        "Took on a difficult project that had already missed two deadlines.",
        "Volunteered to lead the audit remediation work.",
    ),
}

EVENTS_ZH: dict[str, tuple[str, ...]] = {
    "multinational_team": (
        "与 {n1} 个国家的团队跨时区协作。",
        "带领来自 {n1} 个国家的多元文化团队。",
        "协调分布在 {n1} 个地区的项目团队。",
    ),
    "merger": ("{year} 年公司合并后，负责两支团队的流程整合。", "在并购整合期间保持业务平稳运行。"),
    "reorganisation": ("{year} 年组织架构调整后，接手 {n1} 个新职能。", "在部门重组期间重新梳理团队分工。"),
    "migration": ("主导切换至 {system} 系统，{n2} 名用户平稳上线。", "完成 {year} 年系统迁移，数据零丢失。"),
    "crisis": ("疫情期间组织远程办公，保障业务不中断。", "处理重大系统故障，{n1} 天内恢复服务。"),
    "market_launch": ("从零开始筹建{city}办公室，招聘首批 {n2} 名员工。", "负责开拓 {n1} 个新市场。"),
    "cross_functional": (
        "与产品、财务、法务等部门长期协作推进项目。",
        "参与跨部门工作组，协调 {n1} 个部门。",
    ),
    "learned_fast": ("{n1} 周内掌握 {tool}，独立承担相关工作。", "快速学习新业务领域，{n1} 个月内独立上岗。"),
    "scope_growth": ("团队规模由 {n1} 人扩大至 {n2} 人。", "管理预算由 {n2} 万元增加至 {n3} 万元。"),
    "top_ranked": ("{year} 年绩效排名全部门第一。", "连续 {n1} 年获评最高绩效等级（前 5%）。"),
    "selective_programme": (
        "入选管理培训生项目（{big} 人中录取 {n1} 人）。",
        "{year} 年入选公司高潜人才培养计划。",
    ),
    "peer_rank": ("业绩位列团队前 {small}0%。", "客户满意度连续 {n1} 个季度高于区域平均水平。"),
    "early_responsibility": ("入职第一年即担任小组负责人。", "作为初级员工代理主管工作 {n1} 个月。"),
    "product_launch": (
        "从 0 到 1 上线新产品，{n1} 个月用户达 {n3} 人。",
        "推出新业务线，首年收入 {money_zh}。",
    ),
    "initiative": (
        "主动发起{topic_zh}项目，后在全公司推广。",
        "在职责之外搭建{topic_zh}工具，{n2} 名同事使用。",
    ),
    "stretch_target": (
        "年收入由 {n2} 万元增长至 {n3} 万元。",
        "完成挑战目标的 {pct_high}%。",
        "客户数 {n1} 个月内由 {a} 千翻倍至 {b} 千。",
    ),
    "leads_programme": ("负责部门{topic_zh}项目。", "牵头 {n2} 人的{topic_zh}工作小组。"),
    "mentoring": ("带教新人 {n1} 名。", "担任公司导师计划导师，辅导 {n1} 名新员工。"),
    "volunteered_harder": ("主动承担最难的客户项目。", "主动请缨接手连续延期的项目。"),
}

CONTEXT = (
    "Part of a team of {n2} at {a_desc}.",
    "Joined {a_desc} with {n3} employees.",
    "Worked for {a_desc} serving customers across the region.",
    "Employer: {a_desc} with {n2} locations.",
    "Based in the head office of {a_desc}.",
    "Supported day-to-day operations of {a_desc}.",
)
CONTEXT_ZH = ("就职于一家{desc}，员工 {n3} 人。", "所在公司为{desc}。", "服务于{desc}总部。")

FOUNDED = (
    "Founded {a_desc} start-up and raised {money} in seed funding.",
    "Co-founded {a_desc} business with two partners and built it to {n2} staff.",
    "Started my own {desc} company, signing the first {n2} customers.",
    "Set up and ran {a_desc} venture from the ground up.",
    "Founded the company, {a_desc}, in {year}.",
)
FOUNDED_ZH = (
    "创办一家{desc}，获得种子轮融资 {money_zh}。",
    "与两位合伙人联合创办{desc}，团队扩展至 {n2} 人。",
    "{year} 年自主创业，创立{desc}。",
)
FAILED = (
    "Closed the business after {n1} years when funding ran out.",
    "Wound the company down in {year} after missing product-market fit.",
    "Shut down the venture and returned the remaining funds to investors.",
    "The start-up did not survive the {year} downturn; sold the assets.",
    "Stopped trading after {n1} years and applied the lessons in later roles.",
)
FAILED_ZH = ("{year} 年因资金链断裂关闭公司。", "项目未能实现盈利，{n1} 年后停止运营。")
FOUNDER_TITLES = (
    "Founder",
    "Co-founder & CEO",
    "Founder and Managing Director",
    "Co-founder",
    "Founder & CEO",
)
FOUNDER_TITLES_ZH = ("创始人", "联合创始人兼 CEO", "创始人兼总经理")
VENTURE_NAMES = (
    "Kinetic",
    "Bluebird",
    "Lumen",
    "Northstar",
    "Pebble",
    "Sprout",
    "Copperleaf",
    "Tandem",
    "Brightside",
    "Harbor",
    "Oakline",
    "Juniper",
)
VENTURE_SUFFIXES = ("Labs", "Co.", "Studio", "Ventures", "Group", "Inc.", "Ltd.", "Works")
VENTURE_NAMES_ZH = ("星火", "青禾", "云帆", "知行", "启明", "拾光")
VENTURE_SUFFIXES_ZH = ("科技有限公司", "工作室", "文化有限公司", "信息技术有限公司")

PROMOTION = (
    "Promoted to {title} after {n} months.",
    "Promoted from {prev} to {title} in {year}.",
    "Earned promotion to {title} within {n} months.",
    "Moved up from {prev} to {title} ahead of the usual review cycle.",
    "Advanced to {title} after {n} months in the role.",
    "Internal promotion to {title}, {year}.",
)
PROMOTION_ZH = (
    "入职 {n} 个月后晋升为{title}。",
    "{year} 年由{prev}晋升为{title}。",
    "{n} 个月内获晋升至{title}。",
)

MOVE = (
    "Moved from {src} into {dst} in {year}.",
    "Brings a background in {src} to {dst}.",
    "Switched careers from {src} to {dst} and kept growing responsibility.",
    "Transitioned from {src} to {dst} in {year}.",
    "Career change: {src} to {dst} ({year}).",
    "Combines earlier experience in {src} with current work in {dst}.",
)
MOVE_ZH = ("{year} 年由{src}转型至{dst}。", "拥有{src}背景，现从事{dst}工作。", "从{src}跨界进入{dst}领域。")

OPENERS = (
    "{title} with {years} years of experience in {area}.",
    "Experienced {title} focused on {area}.",
    "{title} bringing {years}+ years in {area}.",
    "Professional with {years} years in {area}, most recently as {title}.",
    "Dedicated {title} with hands-on experience in {area}.",
    "{area_cap} professional with {years} years of experience.",
)
OPENERS_ZH = (
    "{years} 年{area}工作经验。",
    "从事{area}工作 {years} 年，现任{title}。",
    "{area}从业者，具备 {years} 年相关经验。",
)

ADJECTIVES = (
    "Driven, adaptable and fast-learning professional with a passion for growth.",
    "Highly motivated self-starter who thrives in fast-paced environments.",
    "Ambitious team player eager to take on new challenges.",
    "Results-oriented, detail-oriented and dependable.",
    "Quick learner with a high-potential mindset and a strong work ethic.",
    "Flexible, hard-working and goal-driven, with excellent communication skills.",
    "Adaptable and versatile; comfortable with change and ambiguity.",
)
ADJECTIVES_ZH = (
    "性格开朗，学习能力强，适应能力强。",
    "有上进心，抗压能力强，具备团队合作精神。",
    "目标导向，积极主动，渴望挑战。",
)
CRYPTO_INTEREST = (
    "Passionate about DeFi and Web3; hold ETH and follow layer-2 research.",
    "Crypto enthusiast since 2017, active in several DAO Discord servers.",
    "Interested in blockchain and NFTs; read Ethereum research in my spare time.",
    "Personal interests: Bitcoin, decentralised finance and tokenomics.",
    "Follow crypto markets closely and hold a small BTC portfolio.",
    "Keen to move into the Web3 and digital-asset space.",
)
CRYPTO_INTEREST_ZH = (
    "关注区块链与 DeFi 行业动态，个人持有少量 ETH。",
    "对 Web3 和 NFT 有浓厚兴趣。",
    "业余时间研究比特币与以太坊。",
)
SEEKING = (
    "Seeking a new challenge at a fast-growing crypto exchange.",
    "Looking to bring these skills to a fintech or Web3 company.",
    "Open to roles in banking, technology or digital assets.",
    "Seeking a position where I can grow with the company.",
    "Looking for a role with more responsibility and room to learn.",
)
SEEKING_ZH = (
    "希望加入快速发展的数字资产交易所。",
    "期待在金融科技或 Web3 行业发展。",
    "希望在新岗位上承担更多责任。",
)
GAP = (
    "Took a career break in {year} to care for family.",
    "Career break ({year}) for travel and study.",
    "Returned to work in {year} after a family break.",
    "Spent {year} on parental leave before returning to work.",
    "Took time out in {year} to relocate.",
)
GAP_ZH = ("{year} 年因家庭原因暂停工作。", "{year} 年休假后重返职场。")

#: Label-0 bullets that borrow the vocabulary of evidence.
NEAR_MISSES = (
    "Promoted weekly specials and loyalty offers to customers.",
    "Attended the annual product launch event with the sales team.",
    "Served international guests and customers from many countries.",
    "Joined a family-owned business founded in {old_year}.",
    "Received mentoring from senior colleagues through the buddy scheme.",
    "Helped organise the annual staff awards evening.",
    "Followed the company's change-management guidelines.",
    "Completed the annual compliance and data-protection training.",
    "Took part in the office move to a new building.",
    "Processed card payments and prepared bank deposits.",
    "Posted team news on the company's social media pages.",
    "Attended a two-day workshop on leadership and growth mindset.",
    "Worked toward the team's monthly targets.",
    "Read up on digital transformation and blockchain trends.",
)
NEAR_MISSES_ZH = (
    "向顾客推广店内促销活动。",
    "参与公司年度颁奖典礼的筹备工作。",
    "接受资深同事的带教指导。",
    "完成年度合规培训。",
    "参加新产品发布会的接待工作。",
)
COURSES = (
    "Coursera: Blockchain Basics",
    "Online course: Introduction to Financial Accounting",
    "Udemy: Python for Everybody",
    "LinkedIn Learning: Digital Marketing Foundations",
    "edX: Introduction to Cryptocurrency",
    "Khan Academy: Personal Finance",
    "Codecademy: Learn JavaScript",
)
COURSES_ZH = ("网课：区块链基础", "在线课程：财务会计入门", "在线课程：Python 入门")

HONOURS: dict[str, tuple[str, ...]] = {
    "scholarship": ("Merit scholarship recipient", "Full academic scholarship", "Dean's Scholarship"),
    "first_class": (
        "First Class Honours",
        "Graduated with First Class Honours",
        "Honours degree, first class",
    ),
    "dean": ("Dean's List, every semester", "Dean's List ({n1} semesters)", "Named to the Dean's List"),
    "summa": ("Summa cum laude", "Graduated summa cum laude", "Magna cum laude"),
}
HONOURS_ZH: dict[str, tuple[str, ...]] = {
    "scholarship": ("获国家奖学金", "一等奖学金"),
    "first_class": ("优秀毕业生", "以专业第一名毕业"),
    "dean": ("连续 {n1} 学期获校级奖学金", "三好学生"),
    "summa": ("校级优秀毕业生", "专业排名前 1%"),
}
WHILE_WORKING = (
    "Part-time, completed while working full time",
    "Evening programme, studied while employed",
    "Completed alongside a full-time role",
    "Executive programme, part-time",
    "Studied part-time while working",
)
WHILE_WORKING_ZH = ("在职攻读", "在职研究生", "工作期间业余完成")
IN_PROGRESS = (
    "In progress, expected {next_year}",
    "Currently enrolled, part-time",
    "Expected graduation {next_year}",
)
IN_PROGRESS_ZH = ("在读，预计 {next_year} 年毕业", "在职在读")

CERT_DATED = (
    "{cert}, {year}",
    "{cert} ({year})",
    "{cert} - {year}",
    "{cert}, earned {year}",
    "{cert} | {year}",
)
CERT_DATED_ZH = ("{cert}（{year} 年）", "{cert}，{year} 年取得")
CERT_PURSUING = (
    "{cert} candidate",
    "{cert} (in progress)",
    "Pursuing the {cert}",
    "{cert}: exam booked for {next_year}",
    "Studying for the {cert}",
)
CERT_PURSUING_ZH = ("备考{cert}", "{cert}（在读）")

DISTINCTIONS = (
    "Employee of the Year, {year}",
    "Top Performer Award, {year}",
    "President's Club, {year}",
    "CEO Excellence Award, {year}",
    "Regional Manager of the Year, {year}",
    "Outstanding Achievement Award ({year})",
)
DISTINCTIONS_ZH = ("{year} 年度优秀员工", "{year} 年公司十佳员工", "{year} 年度业绩标兵")
COMPETITIVE = (
    "1st place, ETHGlobal Hackathon, {year}",
    "Winner, regional business plan competition, {year}",
    "1st place, CFA Institute Research Challenge (local round), {year}",
    "Winner, university case competition, {year}",
    "First prize, city start-up pitch contest, {year}",
    "Gold medal, national culinary competition, {year}",
    "1st place, company hackathon, {year}",
)
COMPETITIVE_ZH = ("{year} 年黑客马拉松一等奖", "{year} 年创业大赛冠军", "{year} 年全国大学生案例大赛一等奖")

PROJECTS: dict[str, tuple[str, ...]] = {
    "side_project": (
        "Built a personal budgeting app with {n3} monthly users.",
        "Side project: a recipe-sharing website with {n3} members.",
        "Run a weekend photography business with {n2} paying clients.",
        "Wrote and self-published a practical guide to {topic} in {year}.",
        "Created a podcast on {topic} with {n3} regular listeners.",
        "Built a home-automation dashboard on a Raspberry Pi and documented it online.",
    ),
    "open_source": (
        "Open-source contributor to {oss}: {n2} merged pull requests.",
        "Maintainer of a small open-source library with {n3} GitHub stars.",
        "Contributed documentation and bug fixes to {oss}.",
        "Published an open-source {topic} toolkit on GitHub.",
        "Regular contributor to the {oss} project since {year}.",
    ),
    "volunteer": (
        "Volunteer at a community food bank.",
        "Volunteer reading tutor at the public library.",
        "Member of the local running club.",
        "Volunteer usher at the city theatre.",
        "Helps at an animal shelter on weekends.",
    ),
}
PROJECTS_ZH: dict[str, tuple[str, ...]] = {
    "side_project": ("个人项目：记账小程序，月活 {n3} 人。", "业余运营摄影工作室，服务客户 {n2} 位。"),
    "open_source": ("开源项目 {oss} 贡献者，合并 PR {n2} 个。", "在 GitHub 维护开源工具，获 {n3} 星。"),
    "volunteer": ("社区志愿者，参与助老服务。", "图书馆志愿者。"),
}

LANGUAGES_ZH = {
    "English": "英语",
    "Spanish": "西班牙语",
    "Mandarin": "普通话",
    "French": "法语",
    "Arabic": "阿拉伯语",
    "Hindi": "印地语",
    "Cantonese": "粤语",
    "German": "德语",
    "Portuguese": "葡萄牙语",
    "Malay": "马来语",
    "Tagalog": "他加禄语",
    "Japanese": "日语",
    "Korean": "韩语",
    "Russian": "俄语",
}
LANGUAGE_LEVELS = {
    "native": ("Native", "Native speaker", "Mother tongue"),
    "fluent": ("Fluent", "Bilingual", "C2"),
    "professional": ("Professional working proficiency", "C1", "Full professional"),
    "intermediate": ("Intermediate", "B1", "Conversational"),
    "basic": ("Basic", "Elementary", "A2"),
}
LANGUAGE_LEVELS_ZH = {
    "native": ("母语",),
    "fluent": ("流利",),
    "professional": ("熟练", "CET-6"),
    "intermediate": ("中级",),
    "basic": ("基础",),
}

TOPICS = (
    "quality review",
    "waste reduction",
    "knowledge-sharing",
    "peer training",
    "customer feedback",
    "safety",
)
TOPICS_ZH = ("质量复盘", "降本增效", "知识分享", "内部培训", "客户回访")
SYSTEMS = ("SAP", "Salesforce", "Workday", "Epic", "NetSuite", "a cloud ERP", "ServiceNow")
TOOLS = ("Python", "Tableau", "SQL", "Salesforce", "AutoCAD", "Power BI", "SAP")
CITIES = ("Singapore", "Dubai", "London", "Toronto", "Mexico City", "Sydney", "Berlin", "Mumbai", "Sao Paulo")
CITIES_ZH = ("新加坡", "迪拜", "伦敦", "香港", "东京")
REGIONS = ("Southeast Asian", "Middle East", "Latin American", "European", "Canadian", "West African")
OSS = ("pandas", "Kubernetes", "scikit-learn", "React Native", "Home Assistant", "WordPress")

#: Neutral duties any job can carry, used by longer résumés.
GENERIC_DUTIES = (
    "Prepared weekly status reports for management.",
    "Answered internal and external queries by phone and e-mail.",
    "Followed health, safety and quality procedures.",
    "Attended weekly team meetings and reported progress on open items.",
    "Maintained accurate records in the company's systems.",
    "Handled scheduling and daily task allocation for the shift.",
    "Kept procedures documented and up to date.",
)
GENERIC_DUTIES_ZH = (
    "完成领导交办的其他工作。",
    "整理日常工作报表。",
    "维护相关业务台账。",
    "参加部门例会并汇报工作进展。",
)
