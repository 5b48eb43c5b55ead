"""Reference data for the labelled corpus: job functions, employer kinds and countries.

Data only, no logic beyond small constructors. A *function* is what a person does (its
``family`` is the background family the work itself belongs to, ``None`` for none of the
three); an *employer kind* is where they do it (its ``family`` is the family that working
there brings, whatever the function). Titles come in four levels: junior, mid, senior,
head. English strings are encodable in cp1252 (standard PDF fonts); Chinese strings use
GB2312 characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Family = Literal["tradfi", "web2", "web3"]
FAMILIES: tuple[Family, ...] = ("tradfi", "web2", "web3")


@dataclass(frozen=True, slots=True)
class Function:
    """A job function: titles by level, duty bullets, skills, study fields and certifications."""

    key: str
    family: Family | None
    group: str
    employers: tuple[tuple[str, int], ...]
    titles: tuple[tuple[str, ...], ...]
    titles_zh: tuple[tuple[str, ...], ...]
    duties: tuple[str, ...]
    duties_zh: tuple[str, ...]
    skills: tuple[str, ...]
    skills_zh: tuple[str, ...]
    fields: tuple[str, ...]
    fields_zh: tuple[str, ...]
    certs: tuple[str, ...]
    certs_zh: tuple[str, ...]
    area: str
    area_zh: str
    moves: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class EmployerKind:
    """A kind of employer: its industry, the family it brings, names and short descriptions."""

    key: str
    industry: str
    family: Family | None
    names: tuple[str, ...]
    names_zh: tuple[str, ...]
    descriptions: tuple[str, ...]
    descriptions_zh: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Country:
    """A country with work locations as printed in English and Chinese résumés."""

    key: str
    cities: tuple[str, ...]
    cities_zh: tuple[str, ...]
    weight: int


def _ladder(spec: str) -> tuple[tuple[str, ...], ...]:
    """Parse ``"a; b | c | d; e | f"`` into four levels of alternatives."""
    levels = tuple(tuple(t.strip() for t in level.split(";")) for level in spec.split("|"))
    assert len(levels) == 4, spec
    return levels


def _words(spec: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in spec.split(";") if w.strip())


def _weights(spec: str) -> tuple[tuple[str, int], ...]:
    out: list[tuple[str, int]] = []
    for item in spec.split():
        key, _, weight = item.partition(":")
        out.append((key, int(weight or 1)))
    return tuple(out)


def _fn(
    key: str,
    family: Family | None,
    group: str,
    employers: str,
    titles: str,
    titles_zh: str,
    duties: tuple[str, ...],
    duties_zh: tuple[str, ...],
    skills: str,
    skills_zh: str,
    fields: str,
    fields_zh: str,
    certs: str,
    certs_zh: str,
    area: str,
    area_zh: str,
    moves: str = "",
) -> Function:
    return Function(
        key,
        family,
        group,
        _weights(employers),
        _ladder(titles),
        _ladder(titles_zh),
        duties,
        duties_zh,
        _words(skills),
        _words(skills_zh),
        _words(fields),
        _words(fields_zh),
        _words(certs),
        _words(certs_zh),
        area,
        area_zh,
        _weights(moves),
    )


_FUNCTIONS: tuple[Function, ...] = (
    # ------------------------------------------------------------------ tradfi
    _fn(
        "compliance",
        "tradfi",
        "compliance",
        "bank:5 asset_manager:1 fintech:2 insurer:1",
        "KYC Analyst; AML Analyst; Compliance Analyst | Compliance Officer; Senior KYC Analyst; "
        "Financial Crime Analyst | Compliance Manager; AML Team Lead | Head of Compliance; MLRO",
        "反洗钱专员; KYC 审核专员 | 合规专员; 反洗钱分析师 | 合规经理 | 合规总监",
        (
            "Reviewed {n3} KYC files a month for corporate and private clients.",
            "Investigated transaction-monitoring alerts and filed suspicious activity reports.",
            "Performed customer due diligence and sanctions screening on new accounts.",
            "Maintained the AML risk assessment and compliance monitoring plan.",
            "Answered regulator information requests and prepared board compliance reports.",
            "Tuned screening rules, reducing false positives by {pct}%.",
        ),
        (
            "每月审核 {n3} 份客户 KYC 资料。",
            "调查交易监测预警并提交可疑交易报告。",
            "负责制裁名单筛查及客户尽职调查。",
        ),
        "KYC; AML; CDD/EDD; Sanctions screening; Transaction monitoring; World-Check; Actimize; "
        "FATF recommendations; SAR filing",
        "KYC; 反洗钱; 制裁筛查; 交易监测",
        "Finance; Law; Economics",
        "金融学; 法学",
        "CAMS; ICA Diploma in Anti Money Laundering; CGSS",
        "CAMS 国际反洗钱师; 银行从业资格",
        "financial crime compliance",
        "反洗钱合规",
        "crypto_compliance:5 legal:1 audit:1 fin_analysis:1",
    ),
    _fn(
        "retail_banking",
        "tradfi",
        "branch",
        "bank",
        "Bank Teller; Personal Banker; Customer Service Representative | Senior Personal Banker; "
        "Assistant Branch Manager | Branch Manager | Regional Branch Director; Area Manager, Retail Banking",
        "柜员; 客户经理助理 | 客户经理 | 支行行长 | 分行零售业务负责人",
        (
            "Processed deposits, withdrawals and loan payments for {n2} to {n3} customers a day.",
            "Balanced the cash drawer and vault at the end of each shift.",
            "Opened checking and savings accounts and explained fees to customers.",
            "Referred customers to mortgage and investment specialists.",
            "Followed Bank Secrecy Act and KYC procedures for cash transactions.",
            "Resolved account disputes and card issues at the branch counter.",
        ),
        (
            "办理存取款及转账业务，日均 {n3} 笔。",
            "负责网点现金及凭证管理。",
            "为客户开立账户并推荐理财产品。",
        ),
        "Cash handling; Customer service; KYC; Loan processing; Fiserv; Account opening; Cross-selling",
        "柜面业务; 现金管理; 客户服务; 理财销售",
        "Finance; Business Administration; Economics",
        "金融学; 经济学",
        "Certified Bank Teller; IBF Certified Relationship Manager",
        "银行从业资格",
        "retail banking",
        "零售银行",
        "relationship:3 credit:2 compliance:2 customer_service:1 sales:1",
    ),
    _fn(
        "relationship",
        "tradfi",
        "advisory",
        "bank:4 asset_manager:2",
        "Client Service Officer; Associate Relationship Manager | Relationship Manager; Wealth Advisor | "
        "Senior Relationship Manager; Private Banker | Director, Private Banking; Head of Wealth Management",
        "客户经理助理 | 客户经理; 理财经理 | 高级客户经理; 私人银行家 | 私人银行部总经理",
        (
            "Managed a portfolio of {n3} clients with {money} in assets under management.",
            "Prepared investment proposals and annual portfolio reviews for clients.",
            "Onboarded corporate clients and coordinated credit, FX and trade finance products.",
            "Kept client records up to date in Salesforce and met suitability requirements.",
            "Arranged facilities of up to {money} for mid-market companies.",
        ),
        (
            "管理客户 {n3} 户，资产规模 {money_zh}。",
            "为客户制定资产配置方案。",
            "负责企业客户授信及贸易融资业务。",
        ),
        "Portfolio management; Financial planning; Bloomberg; "
        "Salesforce CRM; Trade finance; FX; Client onboarding",
        "客户关系管理; 资产配置; 贸易融资; Wind",
        "Finance; Business Administration; Economics",
        "金融学; 工商管理",
        "CFA; Chartered Wealth Manager; Series 7; CFP",
        "CFA; 基金从业资格; 证券从业资格",
        "private banking",
        "私人银行",
        "crypto_trading:1 web3_growth:1 product:1 sales:1",
    ),
    _fn(
        "credit",
        "tradfi",
        "credit",
        "bank:4 fintech:2 insurer:1",
        "Credit Analyst; Loan Processor; Junior Underwriter | Loan "
        "Officer; Senior Credit Analyst; Underwriter | "
        "Credit Manager; Senior Underwriter | Head of Credit Risk; Chief Credit Officer",
        "信贷专员 | 信贷分析师 | 授信审批经理 | 风险管理部总经理",
        (
            "Analysed financial statements and cash flows for loan applications.",
            "Underwrote consumer and small-business loans within delegated authority.",
            "Prepared credit memos and monitored covenants on a loan book of {money}.",
            "Ordered appraisals and verified income documents for mortgage files.",
            "Tracked delinquent accounts and agreed repayment plans with borrowers.",
        ),
        (
            "撰写授信调查报告，单笔额度最高 {money_zh}。",
            "负责贷后管理及风险预警。",
            "审核个人及小微企业贷款申请。",
        ),
        "Credit analysis; Underwriting; Financial statement analysis; "
        "Moody's RiskCalc; Loan origination; Excel",
        "信贷分析; 授信审批; 财务分析; 贷后管理",
        "Finance; Accounting; Economics",
        "金融学; 会计学",
        "CFA Level I; Certified Credit Professional; FRM",
        "FRM; 银行从业资格",
        "credit risk",
        "信贷风险",
        "fin_analysis:2 data:1 crypto_trading:1",
    ),
    _fn(
        "accounting",
        "tradfi",
        "finance",
        "audit_firm:2 bank:1 tech:2 crypto:1 hospital:1 retail:1 manufacturer:2 school:1 restaurant:1 "
        "nonprofit:1 construction:1 fintech:2 hotel:1",
        "Staff Accountant; Accounts Payable Clerk; Junior Accountant; "
        "Bookkeeper | Accountant; Senior Accountant; "
        "General Ledger Accountant | Accounting Manager; Financial Controller | Chief Financial Officer; "
        "Director of Finance",
        "会计; 出纳 | 财务会计; 总账会计 | 财务经理 | 财务总监",
        (
            "Posted journal entries and maintained the general ledger.",
            "Prepared monthly bank and balance-sheet reconciliations.",
            "Processed accounts payable and receivable for {n3} vendors and customers.",
            "Prepared financial statements under US GAAP for the monthly close.",
            "Supported the external auditors with schedules and fixed-asset registers.",
            "Filed sales-tax and payroll tax returns on time.",
        ),
        ("负责总账核算及月末结账。", "编制月度银行余额调节表。", "处理应收应付账款及税务申报。"),
        "General ledger; Reconciliations; US GAAP; IFRS; QuickBooks; SAP; Accounts payable; Excel",
        "总账核算; 企业会计准则; 用友; 金蝶; Excel",
        "Accounting; Finance; Commerce",
        "会计学; 财务管理",
        "CPA; ACCA; CMA; CA",
        "注册会计师（CPA）; 中级会计师; ACCA",
        "accounting",
        "会计",
        "audit:1 fin_analysis:2 product:1 crypto_compliance:1",
    ),
    _fn(
        "audit",
        "tradfi",
        "audit",
        "audit_firm:5 bank:1",
        "Audit Associate; Assurance Associate | Senior Auditor; "
        "Senior Associate, Assurance; Internal Auditor | "
        "Audit Manager; Internal Audit Manager | Audit Director; Partner",
        "审计助理 | 高级审计员 | 审计经理 | 审计合伙人",
        (
            "Performed year-end audit fieldwork for clients with revenues up to {money}.",
            "Tested internal controls over financial reporting for SOX compliance.",
            "Reviewed revenue recognition and lease accounting under IFRS.",
            "Drafted audit findings and management letters.",
            "Sampled transactions and vouched them to supporting documents.",
        ),
        ("负责年报审计现场工作。", "测试财务报告内部控制。", "撰写审计报告及管理建议书。"),
        "IFRS; US GAAP; SOX; Internal controls; CaseWare; Audit sampling; Excel",
        "审计; IFRS; 内部控制; 财务报表分析",
        "Accounting; Finance",
        "会计学; 审计学",
        "CPA; ACCA; CIA; CISA",
        "注册会计师（CPA）; ACCA; CIA",
        "audit",
        "审计",
        "accounting:3 compliance:2 crypto_compliance:1",
    ),
    _fn(
        "fin_analysis",
        "tradfi",
        "fin_analysis",
        "bank:2 asset_manager:2 tech:1 manufacturer:1 fintech:1 crypto:1 hospital:1",
        "Financial Analyst; Junior Investment Analyst | Senior Financial "
        "Analyst; FP&A Analyst; Investment Analyst | "
        "FP&A Manager; Treasury Manager; Portfolio Manager | Head of FP&A; VP Finance; Treasurer",
        "财务分析师; 投资助理 | 高级财务分析师; 投资经理 | 财务计划经理; 资金经理 | 财务副总裁",
        (
            "Built the annual budget and rolling forecasts in Excel and Anaplan.",
            "Analysed variances against plan and explained them to department heads.",
            "Modelled cash flows and valuations for investment proposals.",
            "Managed daily cash positioning and bank relationships for treasury.",
            "Prepared the monthly management accounts pack.",
        ),
        ("负责年度预算及滚动预测。", "编制经营分析报告，解释预算差异。", "搭建投资项目估值模型。"),
        "Financial modelling; Budgeting; Forecasting; Valuation; Anaplan; Bloomberg; Excel; Power BI",
        "财务分析; 预算管理; 估值建模; Excel",
        "Finance; Economics; Accounting",
        "金融学; 经济学",
        "CFA; FRM; CTP; CMA",
        "CFA; FRM",
        "financial planning and analysis",
        "财务分析",
        "data:1 product:1 crypto_trading:1 markets:1",
    ),
    _fn(
        "markets",
        "tradfi",
        "trading",
        "exchange:2 bank:3 asset_manager:2",
        "Research Analyst; Risk Analyst; Trading Assistant | Equity "
        "Trader; Quantitative Analyst; Market Risk Analyst | "
        "Senior Trader; Portfolio Manager; Market Risk Manager | Head of Trading; Chief Risk Officer",
        "研究助理; 风险分析师 | 交易员; 量化分析师 | 高级交易员; 投资经理 | 交易部负责人; 首席风险官",
        (
            "Traded a {money} book of equities and listed derivatives.",
            "Monitored VaR and stress-test limits for {n1} trading desks.",
            "Covered {n2} stocks in the financials sector and wrote earnings notes.",
            "Reconciled trades and P&L with operations every morning.",
            "Priced options and structured notes for institutional clients.",
        ),
        ("管理 {money_zh} 的股票组合。", "监控交易台 VaR 及压力测试限额。", "撰写行业研究报告。"),
        "Bloomberg; VaR; Derivatives pricing; Equities; Fixed income; Murex; Python; kdb+",
        "Wind; VaR; 衍生品定价; 量化交易; Python",
        "Financial Engineering; Mathematics; Economics",
        "金融工程; 数学与应用数学",
        "FRM; CFA; Series 7; CQF",
        "FRM; CFA; 期货从业资格",
        "trading and market risk",
        "交易与市场风险",
        "crypto_trading:4 data:1 fin_analysis:1",
    ),
    _fn(
        "insurance",
        "tradfi",
        "insurance",
        "insurer",
        "Claims Processor; Underwriting Assistant; Insurance Agent | Claims Adjuster; Underwriter | "
        "Senior Underwriter; Claims Manager | Head of Underwriting; Director of Claims",
        "理赔专员 | 核保员 | 高级核保师 | 核保部负责人",
        (
            "Assessed property and casualty claims and set loss reserves.",
            "Underwrote commercial policies with premiums up to {money}.",
            "Inspected damaged vehicles and negotiated settlements with policyholders.",
            "Reviewed applications against underwriting guidelines and pricing.",
            "Referred suspected fraud cases to the special investigations unit.",
        ),
        ("负责车险及财产险理赔审核。", "审核投保申请并厘定费率。", "识别并上报疑似欺诈案件。"),
        "Underwriting; Claims handling; Guidewire; Risk assessment; Actuarial basics; Excel",
        "核保; 理赔; 风险评估",
        "Finance; Actuarial Science; Business Administration",
        "保险学; 精算学",
        "CPCU; AINS; Chartered Insurance Professional",
        "保险从业资格",
        "insurance",
        "保险",
        "credit:1 customer_service:1 data:1",
    ),
    # ------------------------------------------------------------------ web2
    _fn(
        "backend",
        "web2",
        "engineering",
        "tech:6 fintech:2 bank:1",
        "Software Engineer; Junior Developer; Backend Developer | Backend Engineer; Software Engineer II; "
        "Full Stack Engineer | Senior Backend Engineer; Senior "
        "Software Engineer; Tech Lead | Staff Engineer; "
        "Engineering Manager; Principal Engineer",
        "软件工程师; 后端开发工程师 | Java 开发工程师; 后端工程师 | "
        "高级后端工程师; 技术组长 | 技术专家; 研发经理",
        (
            "Built REST and gRPC services in Go and Python for the checkout platform.",
            "Wrote SQL migrations and tuned PostgreSQL queries for the order service.",
            "Deployed services to Kubernetes on AWS through CI/CD pipelines.",
            "Added caching with Redis, cutting p99 latency to under {n2} ms.",
            "Reviewed pull requests and wrote integration tests for the payments API.",
            "Handled on-call for {n1} services with {uptime}% uptime.",
        ),
        (
            "使用 Go 与 Java 开发交易服务。",
            "优化 MySQL 慢查询，接口延迟降低 {pct}%。",
            "负责服务上线及线上值班。",
        ),
        "Python; Go; Java; PostgreSQL; Redis; Kafka; Kubernetes; Docker; AWS; gRPC; REST APIs",
        "Java; Go; MySQL; Redis; Kafka; Spring Boot; 微服务",
        "Computer Science; Software Engineering",
        "计算机科学与技术; 软件工程",
        "AWS Certified Solutions Architect - Associate; Certified Kubernetes Administrator",
        "AWS 认证解决方案架构师; 软件设计师（中级）",
        "backend engineering",
        "后端开发",
        "smart_contract:3 devops:1 product:1 data:1",
    ),
    _fn(
        "frontend",
        "web2",
        "engineering",
        "tech:5 fintech:1 agency:1",
        "Frontend Developer; Junior Web Developer; iOS Developer | Frontend Engineer; Mobile Engineer; "
        "Android Engineer | Senior Frontend Engineer; Senior Mobile "
        "Engineer | Head of Frontend; Principal Frontend "
        "Engineer",
        "前端开发工程师; iOS 开发工程师 | 前端工程师; Android 工程师 | 高级前端工程师 | 前端技术专家",
        (
            "Built checkout and account pages in React and TypeScript.",
            "Shipped features to the iOS app used by {n3}k customers.",
            "Fixed accessibility issues to meet WCAG 2.1 AA.",
            "Wrote unit tests with Jest and end-to-end tests with Cypress.",
            "Worked from Figma designs with the product designers.",
        ),
        ("使用 React 与 TypeScript 开发交易页面。", "负责小程序及 H5 页面开发。", "优化首屏加载性能。"),
        "React; TypeScript; JavaScript; Next.js; Swift; Kotlin; GraphQL; CSS; Jest",
        "React; Vue; TypeScript; 小程序; Node.js",
        "Computer Science; Information Systems",
        "计算机科学与技术; 数字媒体技术",
        "Meta Front-End Developer Certificate; Google Mobile Web Specialist",
        "软件设计师（中级）",
        "frontend engineering",
        "前端开发",
        "smart_contract:1 ux_design:1 product:1",
    ),
    _fn(
        "product",
        "web2",
        "product",
        "tech:5 fintech:2",
        "Associate Product Manager; Product Analyst | Product "
        "Manager; Product Owner | Senior Product Manager; "
        "Group Product Manager | Head of Product; Director of Product",
        "产品助理 | 产品经理 | 高级产品经理 | 产品总监",
        (
            "Owned the roadmap for the seller app used by {n3}k merchants.",
            "Wrote user stories and acceptance criteria for {n1} engineering squads.",
            "Ran user interviews and usability tests for the onboarding flow.",
            "Defined product KPIs and dashboards with the data team.",
            "Prioritised the backlog with RICE scoring and ran sprint reviews.",
        ),
        ("负责商家端 App 产品规划。", "撰写产品需求文档并跟进研发上线。", "组织用户访谈与可用性测试。"),
        "Product strategy; Roadmapping; A/B testing; User research; SQL; Amplitude; Jira; Figma",
        "产品规划; 需求分析; A/B 测试; Axure; SQL",
        "Business Administration; Computer Science; Psychology",
        "工商管理; 计算机科学与技术",
        "Certified Scrum Product Owner; Pragmatic Institute PMC-III",
        "NPDP 产品经理国际资格; PMP",
        "digital product management",
        "互联网产品",
        "crypto_product:3 growth:1",
    ),
    _fn(
        "ux_design",
        "web2",
        "design_digital",
        "tech:4 agency:1 fintech:1",
        "UX Designer; UI Designer; Junior Product Designer | Product Designer; UX/UI Designer | "
        "Senior Product Designer; UX Lead | Head of Design; Design Director, Digital",
        "UI 设计师 | 交互设计师 | 高级交互设计师 | 设计总监",
        (
            "Designed web and mobile app flows in Figma from wireframes to prototypes.",
            "Ran usability tests with {n2} users per release.",
            "Maintained the design system used by the app and web teams.",
            "Mapped user journeys for the sign-up and payments screens.",
            "Worked with engineers to ship pixel-accurate UI.",
        ),
        ("使用 Figma 完成 App 交互与视觉设计。", "组织可用性测试并输出改版方案。", "维护设计规范组件库。"),
        "Figma; Sketch; Prototyping; Usability testing; Design systems; User research; HTML/CSS",
        "Figma; 交互设计; 用户研究; 设计规范",
        "Interaction Design; Graphic Design; Psychology",
        "数字媒体艺术; 工业设计",
        "Google UX Design Certificate; NN/g UX Certification",
        "Adobe 认证设计师",
        "digital product design",
        "互联网产品设计",
        "product:2 crypto_product:1",
    ),
    _fn(
        "data",
        "web2",
        "data",
        "tech:5 fintech:1 bank:1 retail:1",
        "Data Analyst; Junior Data Scientist; BI Analyst | Data Scientist; Analytics Engineer; ML Engineer | "
        "Senior Data Scientist; Lead Data Analyst | Head of Data; Director of Analytics",
        "数据分析师 | 数据科学家; 算法工程师 | 高级算法工程师 | 数据部负责人",
        (
            "Analysed A/B tests on the mobile app and reported conversion effects.",
            "Built churn and propensity models in Python and scikit-learn.",
            "Modelled event data in dbt and Snowflake for product dashboards.",
            "Maintained Looker dashboards for the growth and product teams.",
            "Wrote Airflow pipelines loading {big} GB of clickstream a day.",
        ),
        ("负责 App 用户行为数据分析及 A/B 实验评估。", "搭建用户流失预测模型。", "维护数据仓库及报表。"),
        "Python; SQL; pandas; scikit-learn; dbt; Snowflake; Looker; Spark; Airflow; Tableau",
        "Python; SQL; Spark; 机器学习; Hive",
        "Statistics; Computer Science; Mathematics",
        "统计学; 计算机科学与技术",
        "TensorFlow Developer Certificate; Databricks Certified Data Engineer Associate",
        "CDA 数据分析师",
        "data science",
        "数据分析",
        "crypto_trading:1 product:1 smart_contract:1",
    ),
    _fn(
        "growth",
        "web2",
        "marketing_digital",
        "tech:4 agency:3 retail:1 media:1",
        "Digital Marketing Coordinator; Social Media Coordinator; "
        "SEO Specialist | Digital Marketing Manager; "
        "Social Media Manager; Growth Marketing Manager | Senior "
        "Digital Marketing Manager; Head of Performance "
        "Marketing | Director of Digital Marketing; Head of Growth",
        "新媒体运营专员; SEO 专员 | 增长运营经理; 新媒体经理 | 高级增长经理 | 增长负责人",
        (
            "Ran paid search and social campaigns on Google Ads and Meta.",
            "Managed the brand's Instagram, TikTok and LinkedIn channels and content calendar.",
            "Improved landing pages through SEO audits and A/B tests.",
            "Built email journeys in HubSpot for {n3}k subscribers.",
            "Reported traffic and conversion in Google Analytics every week.",
        ),
        ("负责抖音、小红书等新媒体账号运营。", "管理 SEM 投放及落地页优化。", "搭建用户生命周期邮件体系。"),
        "SEO; SEM; Google Ads; Meta Ads; Google Analytics; HubSpot; Social media; Copywriting",
        "SEO; SEM; 新媒体运营; 用户增长",
        "Marketing; Communications; Journalism",
        "市场营销; 新闻传播学",
        "Google Ads Certification; HubSpot Inbound Marketing; Google Analytics Certification",
        "Google Ads 认证",
        "digital marketing",
        "互联网营销",
        "web3_growth:3 product:1",
    ),
    _fn(
        "devops",
        "web2",
        "engineering_infra",
        "tech:5 fintech:1",
        "DevOps Engineer; Junior Cloud Engineer | Site Reliability Engineer; Cloud Engineer | Senior SRE; "
        "Platform Lead | Head of Infrastructure; Director of Platform Engineering",
        "运维开发工程师 | SRE 工程师 | 高级 SRE | 基础架构负责人",
        (
            "Managed AWS infrastructure for the web platform with Terraform.",
            "Ran Kubernetes clusters serving the company's web and mobile APIs.",
            "Built CI/CD pipelines in GitHub Actions for {n2} services.",
            "Set up Prometheus and Grafana alerting for production services.",
            "Handled incident response and post-mortems for the SaaS platform.",
        ),
        ("负责线上 Kubernetes 集群运维。", "搭建 CI/CD 流水线。", "建设监控告警体系。"),
        "AWS; Terraform; Kubernetes; Docker; Linux; Prometheus; Grafana; GitHub Actions",
        "Kubernetes; Docker; Linux; 监控告警",
        "Computer Science; Information Technology",
        "计算机科学与技术; 网络工程",
        "AWS Certified DevOps Engineer; Certified Kubernetes Administrator",
        "AWS 认证",
        "cloud infrastructure",
        "云平台运维",
        "smart_contract:1 backend:1",
    ),
    _fn(
        "qa",
        "web2",
        "engineering_qa",
        "tech",
        "QA Tester; Junior QA Engineer | QA Engineer; Test Automation "
        "Engineer | Senior QA Engineer; QA Lead | "
        "QA Manager; Head of Quality Engineering",
        "测试工程师 | 自动化测试工程师 | 高级测试工程师 | 测试经理",
        (
            "Wrote automated UI tests for the web app in Selenium and Cypress.",
            "Tested REST APIs with Postman and pytest.",
            "Logged and triaged defects in Jira for each release.",
            "Ran regression suites before weekly app store releases.",
        ),
        ("编写 Web 自动化测试脚本。", "负责接口测试及回归测试。", "跟踪缺陷并推动修复。"),
        "Selenium; Cypress; Postman; pytest; Jira; SQL; Test planning",
        "自动化测试; 接口测试; Jira",
        "Computer Science; Information Systems",
        "软件工程",
        "ISTQB Foundation",
        "ISTQB 认证",
        "software quality",
        "软件测试",
        "backend:2 product:1",
    ),
    # ------------------------------------------------------------------ web3
    _fn(
        "smart_contract",
        "web3",
        "engineering",
        "crypto",
        "Blockchain Developer; Junior Solidity Developer | Smart Contract Engineer; Protocol Engineer | "
        "Senior Smart Contract Engineer; Lead Auditor | Head of Protocol; Principal Security Researcher",
        "区块链开发工程师 | 智能合约工程师 | 高级智能合约工程师 | 协议负责人",
        (
            "Wrote Solidity contracts for lending and staking on EVM chains.",
            "Audited smart contracts with Slither and Foundry fuzzing.",
            "Optimised gas usage of the swap router.",
            "Deployed upgradeable proxy contracts to mainnet and layer-2 networks.",
            "Wrote Foundry invariant tests for the vault module.",
        ),
        ("开发 Solidity 借贷与质押合约。", "完成智能合约安全审计。", "优化合约 Gas 消耗。"),
        "Solidity; EVM; Foundry; Hardhat; Rust; Slither; ERC-20; ethers.js",
        "Solidity; EVM; Foundry; Rust; 智能合约审计",
        "Computer Science; Mathematics",
        "计算机科学与技术; 信息安全",
        "Certified Blockchain Security Professional; Certified Ethereum Developer",
        "区块链应用操作员",
        "smart-contract engineering",
        "智能合约开发",
        "crypto_product:1 backend:1",
    ),
    _fn(
        "crypto_compliance",
        "web3",
        "compliance",
        "crypto",
        "Crypto Compliance Analyst; Onboarding Analyst | Senior Compliance Analyst, Digital Assets; "
        "Travel Rule Specialist | Compliance Manager, Digital Assets; VASP Licensing Manager | "
        "Chief Compliance Officer; Head of Compliance, Digital Assets",
        "加密合规专员 | 高级合规分析师（数字资产） | 数字资产合规经理 | 首席合规官",
        (
            "Traced on-chain fund flows with Chainalysis Reactor.",
            "Reviewed institutional onboarding files for the crypto exchange.",
            "Operated the Travel Rule solution for withdrawals to other VASPs.",
            "Screened wallet addresses against sanctions lists.",
            "Prepared VASP licence documentation for the regulator.",
        ),
        (
            "使用 Chainalysis 追踪链上资金流向。",
            "负责交易所机构客户 KYC 审核。",
            "落地 Travel Rule 合规方案。",
        ),
        "Travel Rule; Chainalysis; Elliptic; TRM Labs; VASP licensing; KYC; AML; MiCA",
        "Travel Rule; Chainalysis; KYC; 链上分析; VASP 牌照",
        "Law; Finance",
        "法学; 金融学",
        "CAMS; Certified Cryptocurrency Investigator",
        "CAMS 国际反洗钱师; Chainalysis 认证",
        "crypto compliance",
        "数字资产合规",
        "compliance:1 legal:1",
    ),
    _fn(
        "crypto_trading",
        "web3",
        "trading",
        "crypto",
        "Trading Analyst; OTC Associate | Crypto Trader; Market Maker; OTC Trader | Senior Quant Trader; "
        "Head of OTC Desk | Head of Trading; Chief Investment Officer",
        "交易分析师 | 加密货币交易员; 做市交易员 | 高级量化交易员 | 交易总监",
        (
            "Made markets in perpetual futures on centralised crypto exchanges.",
            "Executed OTC block trades in BTC, ETH and stablecoins.",
            "Hedged inventory risk across spot, perps and options venues.",
            "Monitored funding rates and basis across DeFi and CeFi venues.",
            "Integrated DEX liquidity into the smart order router.",
        ),
        ("负责永续合约做市交易。", "为机构客户执行大宗 OTC 交易。", "监控资金费率与期现基差。"),
        "Market making; Perpetual futures; Options; DeFi; Python; C++; Uniswap v3",
        "做市; 永续合约; 期权; DeFi; Python",
        "Mathematics; Physics; Financial Engineering",
        "金融工程; 数学与应用数学",
        "CFA Level I; FRM Part I",
        "FRM; CFA 一级",
        "crypto trading",
        "加密资产交易",
        "markets:1 data:1",
    ),
    _fn(
        "web3_growth",
        "web3",
        "community",
        "crypto",
        "Community Moderator; Ecosystem Analyst | Community Manager; "
        "Ecosystem Growth Manager | Head of Community; "
        "Ecosystem Lead | Head of Ecosystem; VP Growth, Web3",
        "社区运营 | 社区经理 | 生态负责人 | 生态总监",
        (
            "Moderated the protocol's Discord and Telegram communities.",
            "Managed grants to developer teams building on the chain.",
            "Wrote governance forum updates and DAO proposals.",
            "Tracked token holder and staking metrics on Dune dashboards.",
            "Coordinated NFT mint campaigns with partner projects.",
        ),
        ("负责 Discord 与 Telegram 社区运营。", "管理生态开发者资助计划。", "撰写 DAO 治理提案。"),
        "Community building; Tokenomics; Discord; Dune Analytics; DAO governance; NFT; Staking",
        "社区运营; 代币经济学; DAO; NFT",
        "Marketing; Economics; Media Studies",
        "市场营销; 新闻传播学",
        "Certified Digital Asset Advisor",
        "数字资产分析师认证",
        "web3 community and ecosystem growth",
        "Web3 社区与生态",
        "growth:1 crypto_product:1",
    ),
    _fn(
        "crypto_product",
        "web3",
        "product",
        "crypto",
        "Product Analyst, Wallet; Associate Product Manager, DeFi | Product Manager, DeFi; Product Manager, "
        "Exchange | Senior Product Manager, Derivatives; Lead Product Manager, Custody | Head of Product, "
        "Digital Assets; VP Product, Web3",
        "钱包产品助理 | DeFi 产品经理 | 高级产品经理（衍生品） | 数字资产产品负责人",
        (
            "Owned the self-custody wallet roadmap and staking screens.",
            "Wrote specs for the exchange's spot and perpetuals order flows.",
            "Worked with smart-contract engineers on the lending protocol's UX.",
            "Analysed on-chain user cohorts with Dune and Nansen.",
            "Coordinated token listings with compliance and market-making teams.",
        ),
        ("负责钱包产品规划及质押功能。", "撰写交易所现货及合约交易需求。", "分析链上用户数据。"),
        "Product management; DeFi; Wallets; Staking; Dune Analytics; Jira; Figma",
        "产品规划; DeFi; 钱包; 质押",
        "Business Administration; Computer Science; Economics",
        "工商管理; 计算机科学与技术",
        "Certified Scrum Product Owner",
        "NPDP 产品经理国际资格",
        "crypto product management",
        "数字资产产品",
        "product:1 web3_growth:1",
    ),
    # ------------------------------------------------------------------ none of the three
    _fn(
        "nursing",
        None,
        "care",
        "hospital",
        "Nursing Assistant; Staff Nurse; Licensed Practical Nurse | Registered Nurse; Clinical Nurse | "
        "Charge Nurse; Nurse Clinician | Nurse Manager; Director of Nursing",
        "护士 | 护师 | 主管护师 | 护士长",
        (
            "Cared for up to {n1} patients per shift on a {n2}-bed medical-surgical unit.",
            "Administered medication and IV therapy and documented care in Epic.",
            "Assessed patients and escalated changes to the physician on call.",
            "Educated patients and families on discharge and wound care.",
            "Followed infection-control and hand-hygiene protocols.",
        ),
        ("负责 {n2} 张床位病区的临床护理。", "执行医嘱及静脉输液治疗。", "开展患者健康宣教。"),
        "Patient assessment; IV therapy; Wound care; BLS; ACLS; Epic EHR; Infection control; Triage",
        "病情观察; 静脉输液; 伤口护理; 急救技能",
        "Nursing; Health Sciences",
        "护理学",
        "BLS; ACLS; Registered Nurse Licence; PALS",
        "护士执业证书; 主管护师资格",
        "nursing",
        "临床护理",
        "teaching:1 admin:1 hr:1",
    ),
    _fn(
        "teaching",
        None,
        "education",
        "school",
        "Teaching Assistant; Substitute Teacher; Tutor | Teacher; Mathematics Teacher; English Teacher | "
        "Senior Teacher; Head of Year; Subject Lead | Head of Department; Assistant Principal; Principal",
        "助教 | 教师; 数学教师; 英语教师 | 教研组长 | 教务主任; 副校长",
        (
            "Taught {n1} classes of {n2} students in grades 6 to 8.",
            "Planned lessons aligned with state standards and marked assessments.",
            "Met parents at conferences and wrote progress reports.",
            "Adapted materials for students with individual education plans.",
            "Supervised lunch, field trips and after-school clubs.",
        ),
        ("担任 {n1} 个班级的教学工作。", "备课、批改作业并组织考试。", "与家长沟通学生学习情况。"),
        "Lesson planning; Classroom management; Assessment; Google Classroom; Differentiated instruction",
        "课程设计; 班级管理; 教学评估",
        "Education; Mathematics; English Literature",
        "教育学; 英语",
        "State Teaching License; PGCE; TESOL",
        "教师资格证; 普通话二级甲等",
        "teaching",
        "教学",
        "hr:1 admin:1 ux_design:1 sales:1",
    ),
    _fn(
        "chef",
        None,
        "culinary",
        "restaurant:4 hotel:2",
        "Line Cook; Prep Cook; Commis Chef | Sous Chef; Chef de Partie | Head Chef; Kitchen Manager | "
        "Executive Chef; Culinary Director",
        "厨师助理 | 厨师 | 厨师长 | 行政总厨",
        (
            "Prepared salads, sauces and mains on the saute and grill stations.",
            "Plated dishes to the head chef's standards during {n3}-cover services.",
            "Took inventory and placed orders with produce and meat suppliers.",
            "Kept the kitchen compliant with food-safety and HACCP rules.",
            "Trained new line cooks on recipes and station set-up.",
        ),
        ("负责热菜出品及菜品摆盘。", "管理食材库存与采购。", "确保后厨符合食品安全规范。"),
        "Food preparation; Menu planning; HACCP; Inventory; Food cost control; ServSafe",
        "中式烹饪; 菜品研发; 食品安全",
        "Culinary Arts; Hospitality Management",
        "烹饪与营养教育; 酒店管理",
        "ServSafe Food Protection Manager; Food Handler Certificate",
        "中式烹调师证; 健康证",
        "professional kitchens",
        "餐饮厨房",
        "hospitality:2 retail:1",
    ),
    _fn(
        "hospitality",
        None,
        "hospitality",
        "hotel:3 restaurant:2",
        "Front Desk Agent; Server; Guest Service Agent | Front Desk Supervisor; Restaurant Supervisor | "
        "Front Office Manager; Restaurant Manager | General Manager; Director of Rooms",
        "前台接待 | 前厅主管 | 前厅经理 | 酒店总经理",
        (
            "Checked guests in and out and handled room reservations in Opera.",
            "Processed credit card payments and balanced the shift report.",
            "Promoted seasonal menu specials to guests.",
            "Resolved guest complaints and arranged room changes.",
            "Scheduled front-desk staff and covered night audits.",
        ),
        ("负责宾客入住及退房办理。", "处理客人投诉并跟进解决。", "安排前台员工排班。"),
        "Guest relations; Opera PMS; Reservations; Cash handling; Scheduling; Customer service",
        "前台接待; 客户服务; 酒店管理系统",
        "Hospitality Management; Tourism",
        "酒店管理; 旅游管理",
        "Certified Guest Service Professional; ServSafe",
        "酒店服务资格证",
        "hospitality",
        "酒店服务",
        "sales:1 hr:1 admin:1 customer_service:1",
    ),
    _fn(
        "retail",
        None,
        "retail",
        "retail",
        "Cashier; Sales Associate; Stock Associate | Shift Supervisor; "
        "Department Supervisor; Visual Merchandiser | "
        "Assistant Store Manager; Store Manager | District Manager; Regional Retail Manager",
        "收银员; 导购 | 值班主管 | 店长 | 区域经理",
        (
            "Served customers at the register and handled returns and exchanges.",
            "Counted cash drawers and prepared bank deposits at closing.",
            "Restocked shelves and set up promotional displays.",
            "Scheduled a team of {n2} associates and approved timesheets.",
            "Tracked weekly sales and shrink against store targets.",
        ),
        ("负责收银及退换货处理。", "陈列商品并维护卖场形象。", "安排店员排班。"),
        "Customer service; POS systems; Cash handling; Merchandising; Inventory; Scheduling",
        "门店运营; 收银; 陈列; 库存管理",
        "Business Administration; Marketing",
        "市场营销; 工商管理",
        "Retail Management Certificate",
        "营业员职业资格",
        "retail",
        "零售",
        "sales:2 customer_service:1 operations:1 retail_banking:1 hr:1",
    ),
    _fn(
        "hr",
        None,
        "hr",
        "hospital:2 retail:2 manufacturer:2 school:1 tech:1 bank:1 logistics:2 government:1 hotel:1",
        "HR Assistant; Recruiting Coordinator; HR Coordinator | HR Generalist; Recruiter; Talent Acquisition "
        "Specialist | HR Manager; HR Business Partner | HR Director; Head of People",
        "人事专员; 招聘专员 | 人力资源主管 | 人力资源经理 | 人力资源总监",
        (
            "Posted jobs, screened resumes and scheduled interviews for {n2} openings.",
            "Ran new-hire orientation and onboarding paperwork.",
            "Answered employee questions on benefits, leave and payroll.",
            "Kept personnel files and the HRIS up to date.",
            "Supported managers with performance reviews and employee relations cases.",
        ),
        ("负责招聘需求发布及简历筛选。", "办理员工入职及离职手续。", "维护员工档案及人事系统。"),
        "Recruiting; Onboarding; Employee relations; Workday; ADP; Benefits administration; HR policies",
        "招聘; 员工关系; 薪酬福利; 人事系统",
        "Human Resources; Psychology; Business Administration",
        "人力资源管理; 心理学",
        "SHRM-CP; PHR; CIPD Level 5",
        "人力资源管理师（二级）",
        "human resources",
        "人力资源",
        "admin:1 sales:1 operations:1",
    ),
    _fn(
        "sales",
        None,
        "sales",
        "manufacturer:3 auto_dealer:2 logistics:1 media:1 retail:1 tech:1",
        "Sales Representative; Inside Sales Representative; Sales "
        "Associate | Account Executive; Territory Sales "
        "Manager; Business Development Executive | Senior Account "
        "Manager; Sales Manager; Business Development "
        "Manager | Director of Sales; VP Sales",
        "销售代表 | 销售主管; 客户经理 | 销售经理 | 销售总监",
        (
            "Called on {n2} accounts a week across the territory.",
            "Prepared quotes and negotiated pricing with purchasing managers.",
            "Logged calls and pipeline in Salesforce.",
            "Demonstrated products at trade shows and customer sites.",
            "Handled vehicle trade-ins and financing paperwork with buyers.",
        ),
        ("负责区域客户开发与维护。", "撰写报价并谈判合同条款。", "参加行业展会并开展产品演示。"),
        "B2B sales; Negotiation; Salesforce; Account management; Prospecting; Cold calling",
        "客户开发; 商务谈判; 渠道管理",
        "Business Administration; Marketing; Communications",
        "市场营销; 工商管理",
        "Certified Sales Professional",
        "销售职业资格",
        "sales",
        "销售",
        "relationship:1 growth:1 product:1 operations:1",
    ),
    _fn(
        "operations",
        None,
        "operations",
        "logistics:3 manufacturer:2 retail:1",
        "Operations Coordinator; Warehouse Associate; Logistics Coordinator | Operations Supervisor; "
        "Shift Supervisor | Operations Manager; Supply Chain Manager | Head of Operations; Regional Director",
        "运营专员 | 运营主管 | 运营经理; 供应链经理 | 运营总监",
        (
            "Scheduled inbound and outbound shipments for the distribution center.",
            "Ran cycle counts and kept inventory accuracy above {pct}%.",
            "Shipped orders to customers in {n1} countries with the freight forwarders.",
            "Supervised forklift operators and pickers on the night shift.",
            "Tracked KPIs for on-time delivery and damages.",
        ),
        ("负责仓库出入库调度。", "组织库存盘点。", "跟踪准时交付率等运营指标。"),
        "Operations management; Lean; Six Sigma; SAP; Inventory control; Scheduling; Vendor management",
        "运营管理; 精益生产; SAP; 库存管理",
        "Business Administration; Logistics; Supply Chain Management",
        "物流管理; 工商管理",
        "Lean Six Sigma Green Belt; APICS CSCP",
        "六西格玛绿带",
        "operations and logistics",
        "运营与物流",
        "sales:1 hr:1 product:1",
    ),
    _fn(
        "it_support",
        None,
        "it_infra",
        "hospital:3 school:2 government:2 manufacturer:2 law_firm:1 retail:1 logistics:1 bank:1 tech:1",
        "Help Desk Technician; IT Support Specialist; Desktop Support Technician | Systems Administrator; "
        "Network Administrator; IT Technician II | IT Manager; Senior Network Engineer | IT Director; "
        "Head of IT Infrastructure",
        "IT 支持工程师 | 系统管理员; 网络管理员 | IT 经理 | 信息中心主任",
        (
            "Resolved help-desk tickets for {n3} staff on hardware, email and printers.",
            "Imaged laptops and managed user accounts in Active Directory.",
            "Maintained switches, firewalls and Wi-Fi across {n1} sites.",
            "Supported Office 365 and Exchange Online for the organisation.",
            "Kept the asset inventory and software licences up to date.",
        ),
        ("处理员工电脑及网络故障工单。", "维护 AD 域账号及办公网络。", "管理 IT 资产及软件授权。"),
        "Active Directory; Windows Server; Office 365; Networking; Help desk; VMware; PowerShell; ITIL",
        "Windows Server; 网络维护; 桌面支持; ITIL",
        "Information Technology; Computer Science",
        "计算机科学与技术; 网络工程",
        "CompTIA A+; CompTIA Network+; ITIL Foundation; CCNA",
        "CCNA; 网络工程师（中级）",
        "corporate IT support",
        "企业 IT 支持",
        "devops:2 backend:1 operations:1",
    ),
    _fn(
        "graphic_design",
        None,
        "design_print",
        "design_studio:2 media:2 agency:1 retail:1 nonprofit:1",
        "Junior Graphic Designer; Production Artist | Graphic "
        "Designer; Print Designer | Senior Graphic Designer; "
        "Art Director | Creative Director; Design Director",
        "平面设计助理 | 平面设计师 | 资深平面设计师; 美术指导 | 创意总监",
        (
            "Designed logos, brochures and packaging in Adobe Illustrator and InDesign.",
            "Prepared print-ready files for magazines and trade-show banners.",
            "Laid out the quarterly print catalogue of {n3} pages.",
            "Presented concepts to clients and revised artwork from feedback.",
            "Kept brand guidelines consistent across printed materials.",
        ),
        ("负责品牌标志及宣传册设计。", "制作印刷物料及展会海报。", "维护品牌视觉规范。"),
        "Adobe Illustrator; InDesign; Photoshop; Typography; Print production; Branding",
        "平面设计; Photoshop; Illustrator; 品牌设计",
        "Graphic Design; Fine Arts; Visual Communication",
        "视觉传达设计; 美术学",
        "Adobe Certified Professional",
        "Adobe 认证设计师",
        "graphic design",
        "平面设计",
        "ux_design:2 media_production:1 interior_design:1",
    ),
    _fn(
        "interior_design",
        None,
        "design_interior",
        "design_studio:3 construction:1",
        "Design Assistant; Junior Interior Designer | Interior "
        "Designer; Space Planner | Senior Interior Designer; "
        "Project Designer | Design Director; Principal Interior Designer",
        "室内设计助理 | 室内设计师 | 资深室内设计师 | 设计总监",
        (
            "Drew floor plans and elevations in AutoCAD and SketchUp.",
            "Selected finishes, furniture and lighting for residential projects.",
            "Prepared material boards and client presentations.",
            "Coordinated with contractors on site during installation.",
            "Kept project budgets and purchase orders for furnishings.",
        ),
        ("使用 AutoCAD 绘制平面及立面图。", "为住宅项目选配材料与家具。", "现场协调施工方。"),
        "AutoCAD; SketchUp; Revit; Space planning; Material selection; FF&E",
        "AutoCAD; SketchUp; 空间规划",
        "Interior Design; Architecture",
        "环境设计; 建筑学",
        "NCIDQ Certificate",
        "室内装饰设计师证",
        "interior design",
        "室内设计",
        "graphic_design:1 construction:1 sales:1",
    ),
    _fn(
        "fashion_design",
        None,
        "design_fashion",
        "fashion",
        "Assistant Designer; Design Assistant; Pattern Maker | Fashion Designer; Technical Designer | "
        "Senior Designer; Lead Designer, Womenswear | Design Director; Head of Design",
        "服装设计助理 | 服装设计师 | 资深服装设计师 | 设计总监",
        (
            "Sketched seasonal collections and built tech packs for factories.",
            "Selected fabrics and trims with suppliers.",
            "Ran fittings and corrected patterns for production.",
            "Researched trends and built mood boards for each season.",
            "Tracked samples and costings for {n2} styles a season.",
        ),
        ("负责季度服装系列设计。", "选择面料辅料并跟进打样。", "组织试衣并修正版型。"),
        "Fashion sketching; Tech packs; Adobe Illustrator; Pattern making; Textiles; Trend research",
        "服装设计; 版型制作; 面料知识",
        "Fashion Design; Textile Design",
        "服装与服饰设计",
        "Certificate in Fashion Design",
        "服装设计师证",
        "fashion design",
        "服装设计",
        "retail:1 graphic_design:1 sales:1",
    ),
    _fn(
        "construction",
        None,
        "construction",
        "construction",
        "Laborer; Carpenter Apprentice; Site Engineer | Site Supervisor; Estimator; Project Engineer | "
        "Project Manager; Construction Manager | Construction Director; Operations Director",
        "施工员 | 现场主管 | 项目经理 | 工程总监",
        (
            "Supervised subcontractors on commercial builds up to {money}.",
            "Prepared take-offs and estimates from drawings.",
            "Ran daily safety briefings and OSHA inspections.",
            "Tracked schedules and change orders with the client's architect.",
            "Ordered materials and checked deliveries on site.",
        ),
        ("负责施工现场管理。", "编制工程预算。", "组织安全检查。"),
        "Construction management; Estimating; OSHA; Scheduling; Procore; Blueprint reading",
        "施工管理; 工程预算; 安全管理",
        "Civil Engineering; Construction Management",
        "土木工程; 工程管理",
        "OSHA 30; PMP",
        "二级建造师; 安全员证",
        "construction",
        "建筑施工",
        "engineering:1 operations:1",
    ),
    _fn(
        "engineering",
        None,
        "engineering_physical",
        "manufacturer:3 construction:1 airline:1",
        "Graduate Engineer; Junior Mechanical Engineer; CAD "
        "Technician | Mechanical Engineer; Civil Engineer; "
        "Process Engineer | Senior Engineer; Engineering Manager | Chief Engineer; Director of Engineering",
        "助理工程师 | 机械工程师; 工艺工程师 | 高级工程师 | 总工程师",
        (
            "Designed fixtures and parts in SolidWorks.",
            "Ran root-cause analysis on production line defects.",
            "Wrote work instructions and maintenance schedules.",
            "Tested prototypes and documented results for certification.",
            "Worked with suppliers on tolerances and material specs.",
        ),
        ("使用 SolidWorks 设计零部件。", "分析生产线质量问题。", "编写作业指导书。"),
        "SolidWorks; AutoCAD; FMEA; Root cause analysis; Lean manufacturing; MATLAB",
        "SolidWorks; AutoCAD; 质量分析",
        "Mechanical Engineering; Civil Engineering; Industrial Engineering",
        "机械工程; 土木工程",
        "EIT; PE License; Six Sigma Green Belt",
        "注册机械工程师",
        "mechanical engineering",
        "机械工程",
        "operations:1 construction:1 backend:1",
    ),
    _fn(
        "admin",
        None,
        "admin",
        "law_firm:2 hospital:2 school:2 government:2 construction:1 nonprofit:1 manufacturer:1 bank:1",
        "Receptionist; Administrative Assistant; Office Assistant | Office Manager; Executive Assistant | "
        "Office Administrator; Senior Executive Assistant | Head of Administration; Chief of Staff",
        "前台文员 | 行政专员 | 行政主管 | 行政经理",
        (
            "Answered phones, greeted visitors and managed the front desk.",
            "Scheduled meetings and travel for {n1} executives.",
            "Ordered office supplies and kept vendor invoices filed.",
            "Prepared correspondence, minutes and reports in Microsoft Office.",
            "Maintained filing systems and the office calendar.",
        ),
        ("负责前台接待及来电转接。", "安排会议及差旅。", "管理办公用品采购。"),
        "Microsoft Office; Scheduling; Data entry; Filing; Customer service; Travel coordination",
        "办公软件; 行政管理; 会议安排",
        "Business Administration; Communications",
        "行政管理; 文秘",
        "Microsoft Office Specialist",
        "秘书资格证",
        "office administration",
        "行政管理",
        "hr:2 accounting:1 operations:1",
    ),
    _fn(
        "customer_service",
        None,
        "service",
        "call_centre:3 retail:1 airline:1 bank:1 tech:1",
        "Customer Service Representative; Call Center Agent | Senior Customer Service Representative; "
        "Team Leader, Customer Care | Customer Service Manager; Contact Center Manager | "
        "Director of Customer Experience",
        "客服专员 | 客服组长 | 客服经理 | 客户体验总监",
        (
            "Answered {n2} to {n3} inbound calls a day on billing and orders.",
            "Logged cases in the CRM and followed up on open tickets.",
            "Processed refunds and account changes within policy.",
            "Escalated complex complaints to supervisors.",
            "Met quality-assurance scores on call monitoring.",
        ),
        ("每日接听客户来电 {n3} 通。", "处理退款及投诉工单。", "记录并跟进客户问题。"),
        "Customer service; CRM; Call handling; Zendesk; Conflict resolution; Data entry",
        "客户服务; 投诉处理; 呼叫中心",
        "Business Administration; Communications",
        "市场营销; 工商管理",
        "Customer Service Professional Certificate",
        "呼叫中心服务员证",
        "customer service",
        "客户服务",
        "sales:1 hr:1 retail:1 admin:1",
    ),
    _fn(
        "media_production",
        None,
        "media",
        "media",
        "Production Assistant; Junior Video Editor; Reporter | Video Editor; Producer; Journalist | "
        "Senior Producer; News Editor | Executive Producer; Managing Editor",
        "编导助理 | 视频剪辑师; 记者 | 资深编导 | 制片人",
        (
            "Edited news packages and promos in Premiere Pro and Avid.",
            "Booked guests and wrote scripts for the evening broadcast.",
            "Shot and edited interviews for the station's weekly programme.",
            "Wrote and fact-checked articles for the print edition.",
            "Managed the production schedule and crew for studio shoots.",
        ),
        ("负责新闻节目剪辑。", "撰写节目脚本并联系嘉宾。", "统筹演播室拍摄。"),
        "Adobe Premiere Pro; Avid; Final Cut Pro; Scriptwriting; Camera operation; AP Style",
        "视频剪辑; 节目策划; 新闻写作",
        "Journalism; Film Production; Communications",
        "广播电视编导; 新闻学",
        "Avid Certified User",
        "播音主持资格证",
        "broadcast media",
        "广电媒体",
        "growth:2 public_relations:1",
    ),
    _fn(
        "public_relations",
        None,
        "pr",
        "agency:2 nonprofit:1 government:1 hotel:1",
        "PR Assistant; Communications Assistant | PR Specialist; Communications Officer | PR Manager; "
        "Communications Manager | Director of Communications; Head of Corporate Affairs",
        "公关专员 | 品牌公关 | 公关经理 | 公关总监",
        (
            "Wrote press releases and pitched stories to journalists.",
            "Organised press conferences and media interviews.",
            "Kept the media contact list and coverage reports.",
            "Drafted speeches and internal newsletters.",
        ),
        ("撰写新闻稿并联系媒体。", "组织新闻发布会。", "维护媒体关系。"),
        "Media relations; Press releases; Event planning; Crisis communications; Cision",
        "媒体关系; 新闻稿撰写; 活动策划",
        "Public Relations; Communications; Journalism",
        "新闻传播学; 广告学",
        "Accreditation in Public Relations",
        "公关员职业资格",
        "public relations",
        "公共关系",
        "growth:1 media_production:1",
    ),
    _fn(
        "legal",
        None,
        "legal",
        "law_firm:3 government:1 bank:1",
        "Legal Assistant; Paralegal | Associate Attorney; Legal Counsel | Senior Associate; Senior Counsel | "
        "Partner; General Counsel",
        "律师助理 | 律师 | 资深律师 | 合伙人",
        (
            "Drafted pleadings, motions and discovery responses.",
            "Researched case law in Westlaw and LexisNexis.",
            "Managed case files and court filing deadlines.",
            "Reviewed commercial contracts and summarised key terms.",
            "Prepared clients for depositions and hearings.",
        ),
        ("起草诉讼文书。", "检索案例与法规。", "审阅商业合同。"),
        "Legal research; Westlaw; LexisNexis; Contract review; Litigation support; Drafting",
        "法律检索; 合同审查; 诉讼代理",
        "Law; Political Science",
        "法学",
        "Paralegal Certificate; State Bar Admission",
        "法律职业资格证书",
        "law",
        "法律",
        "compliance:2 admin:1",
    ),
    _fn(
        "fitness",
        None,
        "fitness",
        "gym",
        "Gym Attendant; Fitness Instructor | Personal Trainer; Group Fitness Instructor | Fitness Manager; "
        "Head Coach | General Manager, Fitness Club; Regional Fitness Director",
        "健身教练助理 | 私人教练 | 健身部经理 | 健身会所总经理",
        (
            "Ran personal training sessions for {n2} clients a week.",
            "Taught spin, HIIT and yoga classes.",
            "Designed workout and nutrition plans for members.",
            "Sold memberships and processed payments at the front desk.",
        ),
        ("为会员提供私人训练课程。", "带领团体操课。", "制定训练与营养计划。"),
        "Personal training; Group fitness; Nutrition; CPR/AED; Member retention",
        "私人训练; 团体课程; 营养指导",
        "Kinesiology; Exercise Science",
        "运动人体科学; 体育教育",
        "NASM-CPT; ACE Personal Trainer; CPR/AED",
        "健身教练职业资格证",
        "fitness coaching",
        "健身指导",
        "sales:1 hospitality:1",
    ),
    _fn(
        "aviation",
        None,
        "aviation",
        "airline",
        "Ramp Agent; Flight Attendant; Aircraft Maintenance Technician "
        "| First Officer; Senior Flight Attendant; "
        "Licensed Aircraft Engineer | Captain; Maintenance Supervisor; Cabin Services Manager | Chief Pilot; "
        "Director of Flight Operations",
        "地勤人员; 空乘 | 副驾驶; 飞机维修工程师 | 机长; 乘务长 | 飞行部总经理",
        (
            "Flew {n3} hours a year on A320 and B737 aircraft.",
            "Inspected aircraft and logged maintenance in line with FAA rules.",
            "Delivered in-flight safety briefings and cabin service.",
            "Loaded baggage and marshalled aircraft on the ramp.",
        ),
        ("执行 A320 航线飞行任务。", "负责航空器维修检查。", "提供客舱安全与服务。"),
        "Flight operations; FAA regulations; Aircraft maintenance; "
        "Safety procedures; Crew resource management",
        "飞行运行; 航空安全; 客舱服务",
        "Aviation; Aeronautical Engineering",
        "飞行技术; 航空工程",
        "FAA A&P License; ATP Certificate; EASA Part-66",
        "民航飞行员执照",
        "aviation",
        "民航",
        "operations:1 customer_service:1",
    ),
    _fn(
        "agriculture",
        None,
        "agriculture",
        "farm",
        "Farm Hand; Agricultural Technician | Farm Supervisor; "
        "Agronomist | Farm Manager; Senior Agronomist | "
        "Director of Agricultural Operations; General Manager, Farms",
        "农场工人 | 农艺师 | 农场经理 | 农业运营总监",
        (
            "Managed planting and harvest for {n3} acres of corn and soybeans.",
            "Operated and maintained tractors and irrigation equipment.",
            "Took soil samples and planned fertiliser applications.",
            "Kept livestock health and feed records.",
        ),
        ("负责 {n3} 亩作物种植管理。", "维护农机及灌溉设备。", "开展土壤检测。"),
        "Crop management; Irrigation; Soil science; Equipment maintenance; Pesticide application",
        "作物栽培; 灌溉; 土壤检测",
        "Agricultural Science; Agronomy",
        "农学; 植物保护",
        "Certified Crop Adviser; Pesticide Applicator License",
        "农艺工证",
        "agriculture",
        "农业",
        "operations:1 sales:1",
    ),
    _fn(
        "consulting",
        None,
        "consulting",
        "consulting",
        "Business Analyst; Analyst | Consultant; Associate | Senior Consultant; Engagement Manager | "
        "Principal; Partner",
        "分析师 | 咨询顾问 | 高级咨询顾问; 项目经理 | 合伙人",
        (
            "Interviewed client staff and mapped current processes.",
            "Built Excel models and slide decks for steering committees.",
            "Benchmarked operating costs against industry peers.",
            "Wrote implementation plans for operations improvements.",
        ),
        ("开展客户访谈并梳理业务流程。", "撰写咨询报告。", "搭建成本分析模型。"),
        "Process mapping; Excel modelling; PowerPoint; Stakeholder interviews; Change management",
        "流程梳理; 行业研究; 报告撰写",
        "Business Administration; Economics; Engineering",
        "工商管理; 经济学",
        "PMP; Certified Management Consultant",
        "PMP 项目管理专业人士",
        "management consulting",
        "管理咨询",
        "product:1 fin_analysis:1 operations:1",
    ),
)

FUNCTIONS: dict[str, Function] = {f.key: f for f in _FUNCTIONS}


def _kind(
    key: str, industry: str, family: Family | None, names: str, names_zh: str, desc: str, desc_zh: str
) -> EmployerKind:
    return EmployerKind(key, industry, family, _words(names), _words(names_zh), _words(desc), _words(desc_zh))


_KINDS: tuple[EmployerKind, ...] = (
    _kind(
        "bank",
        "finance",
        "tradfi",
        "HSBC; Standard Chartered Bank; DBS Bank; JPMorgan Chase & Co.; Citi; Barclays; Wells Fargo; "
        "Bank of America; Santander; Emirates NBD; Harbourview Bank; "
        "Meridian Trust Bank; First Coastal Bank; "
        "Pinecrest Savings Bank; Lakeside Community Bank",
        "中国工商银行; 招商银行; 中国银行; 平安银行; 汇丰银行（中国）有限公司",
        "retail bank; commercial bank; community bank; regional bank; private bank",
        "商业银行; 股份制银行; 城市商业银行",
    ),
    _kind(
        "insurer",
        "finance",
        "tradfi",
        "Allianz; AXA; Prudential; State Farm; Zurich Insurance; Harbourview Insurance Group; "
        "Northgate Mutual Insurance",
        "中国平安保险; 中国人寿保险; 太平洋保险",
        "insurance company; property and casualty insurer; life insurer",
        "保险公司; 财产保险公司",
    ),
    _kind(
        "asset_manager",
        "finance",
        "tradfi",
        "BlackRock; Fidelity Investments; Schroders; Vanguard; Alder & Finch Wealth Management; "
        "Crestmoor Asset Management",
        "华夏基金; 易方达基金; 中信证券",
        "asset manager; wealth management firm; investment firm",
        "基金公司; 资产管理公司; 证券公司",
    ),
    _kind(
        "audit_firm",
        "finance",
        "tradfi",
        "Deloitte; PwC; EY; KPMG; Grant Thornton; BDO; Whitfield & Rowe "
        "CPAs; Marlow Harcourt Chartered Accountants",
        "普华永道中天会计师事务所; 德勤华永会计师事务所; 安永华明会计师事务所",
        "accounting firm; audit firm; CPA firm",
        "会计师事务所",
    ),
    _kind(
        "exchange",
        "finance",
        "tradfi",
        "Nasdaq; CME Group; Singapore Exchange; London Stock "
        "Exchange Group; Hong Kong Exchanges and Clearing",
        "上海证券交易所; 深圳证券交易所; 香港交易所",
        "securities exchange; derivatives exchange",
        "证券交易所",
    ),
    _kind(
        "fintech",
        "finance",
        "tradfi",
        "Visa; Mastercard; Adyen; Wise; Revolut; PayPal; Klarna; Brightpay Payments; Ledgerly Lending",
        "支付宝（中国）网络技术有限公司; 中国银联; 微众银行",
        "payments company; digital lender; fintech payments provider; neobank",
        "支付公司; 互联网银行",
    ),
    _kind(
        "tech",
        "internet",
        "web2",
        "Google; Amazon; Microsoft; Shopify; Grab; Shopee; Atlassian; Salesforce; Meta; Uber; Airbnb; "
        "Booking.com; Brightloop Software; Lumenpath Analytics; Tidewater Commerce; Fernwood Digital",
        "腾讯; 阿里巴巴; 字节跳动; 美团; 京东; 拼多多; 网易",
        "SaaS company; e-commerce marketplace; software company; "
        "consumer internet company; mobile app company",
        "互联网公司; 电商平台; 软件公司",
    ),
    _kind(
        "crypto",
        "crypto",
        "web3",
        "Binance; Coinbase; Kraken; OKX; Bybit; Crypto.com; Gemini; Uniswap Labs; Aave; Chainlink Labs; "
        "Consensys; Ledger; Fireblocks; Circle; Chainalysis; Arcadia DeFi Labs; Ironleaf Custody AG",
        "币安; OKX; 火币; HashKey Exchange; Matrixport; Amber Group",
        "crypto exchange; DeFi protocol; digital-asset custodian; blockchain infrastructure company; "
        "crypto wallet provider",
        "数字资产交易所; 区块链公司; 加密资产托管机构",
    ),
    _kind(
        "hospital",
        "healthcare",
        None,
        "Riverside Community Hospital; Mercy Valley Health; St. David's Medical Center; Cleveland Clinic; "
        "Singapore General Hospital; Guy's and St Thomas' NHS Foundation Trust",
        "北京协和医院; 复旦大学附属华山医院; 四川大学华西医院",
        "hospital; regional health system; outpatient clinic network",
        "三甲医院; 医院",
    ),
    _kind(
        "school",
        "education",
        None,
        "Austin Independent School District; Greenfield International School; Westlake Academy; "
        "Lincoln Middle School; St. Aidan's College",
        "北京市第四中学; 上海中学; 深圳外国语学校",
        "public school district; international school; private school",
        "中学; 国际学校",
    ),
    _kind(
        "restaurant",
        "hospitality",
        None,
        "The Olive Table; Harbor Grill; Blue Fern Bistro; Cedar & Salt; Marlowe's Steakhouse",
        "海底捞; 西贝莜面村; 鼎泰丰",
        "restaurant group; fine-dining restaurant; catering company",
        "餐饮集团; 连锁餐厅",
    ),
    _kind(
        "hotel",
        "hospitality",
        None,
        "Marriott International; Hilton; Hyatt Regency; Four Seasons; Seaview Resort & Spa",
        "万豪国际酒店集团; 希尔顿酒店; 锦江酒店",
        "hotel; resort; hotel group",
        "酒店集团; 度假酒店",
    ),
    _kind(
        "retail",
        "retail",
        None,
        "Target; Walmart; IKEA; Decathlon; Macy's; Summit Retail Group; Northside Grocers",
        "苏宁易购; 永辉超市; 屈臣氏",
        "retail chain; department store; grocery chain",
        "连锁超市; 零售企业",
    ),
    _kind(
        "logistics",
        "logistics",
        None,
        "DHL Supply Chain; Maersk; FedEx; UPS; Harbourline Logistics",
        "顺丰速运; 中国远洋海运集团; 京东物流",
        "logistics company; freight forwarder; distribution company",
        "物流公司; 货运公司",
    ),
    _kind(
        "manufacturer",
        "manufacturing",
        None,
        "Siemens; Caterpillar; 3M; Honeywell; Oakridge Industrial; Bellmont Components",
        "美的集团; 格力电器; 三一重工",
        "manufacturer; industrial equipment maker; consumer goods manufacturer",
        "制造企业; 工业设备制造商",
    ),
    _kind(
        "construction",
        "construction",
        None,
        "Turner Construction; Bechtel; Skanska; Granite Ridge Builders; Northfield Contractors",
        "中国建筑; 中国中铁; 上海建工",
        "general contractor; construction company; homebuilder",
        "建筑公司; 施工企业",
    ),
    _kind(
        "government",
        "public",
        None,
        "City of Austin; State Department of Transportation; County Health Department; NHS Scotland",
        "市人民政府办公厅; 区教育局",
        "city government; state agency; public agency",
        "政府机关; 事业单位",
    ),
    _kind(
        "law_firm",
        "legal",
        None,
        "Baker McKenzie; Hogan Lovells; Whitman & Cole LLP; Pierce Avery Law Group",
        "金杜律师事务所; 君合律师事务所",
        "law firm; litigation practice",
        "律师事务所",
    ),
    _kind(
        "nonprofit",
        "nonprofit",
        None,
        "American Red Cross; United Way; Habitat for Humanity; Bright Futures Foundation",
        "中国扶贫基金会; 壹基金",
        "nonprofit; charity; community foundation",
        "公益基金会; 社会组织",
    ),
    _kind(
        "media",
        "media",
        None,
        "NBC Universal; BBC; Gannett; KXAN News; Riverside Media Group",
        "中央电视台; 湖南广播电视台; 南方报业",
        "broadcaster; local TV station; newspaper group; magazine publisher",
        "电视台; 报业集团",
    ),
    _kind(
        "design_studio",
        "design",
        None,
        "Studio Marlowe; Gensler; Linden & Park Design; Atelier Nord",
        "上海某设计工作室; 金螳螂装饰",
        "design studio; architecture and interiors firm; branding studio",
        "设计工作室; 装饰设计公司",
    ),
    _kind(
        "fashion",
        "fashion",
        None,
        "Ralph Lauren; H&M; Zara; Coach; Mariella Atelier",
        "李宁; 安踏; 江南布衣",
        "fashion house; apparel brand; clothing label",
        "服装品牌; 服饰公司",
    ),
    _kind(
        "airline",
        "aviation",
        None,
        "Delta Air Lines; United Airlines; Emirates; Singapore Airlines; Southwest Airlines",
        "中国国际航空; 东方航空; 南方航空",
        "airline; regional carrier",
        "航空公司",
    ),
    _kind(
        "consulting",
        "consulting",
        None,
        "Accenture; Bain & Company; Oliver Wyman; Kearney; Halden Partners",
        "麦肯锡（中国）; 埃森哲（中国）",
        "management consultancy; strategy consulting firm",
        "咨询公司",
    ),
    _kind(
        "call_centre",
        "bpo",
        None,
        "Teleperformance; Concentrix; TTEC; Alorica",
        "华道数据; 中智呼叫中心",
        "call center; customer-care outsourcer",
        "呼叫中心; 外包服务公司",
    ),
    _kind(
        "agency",
        "marketing",
        None,
        "Ogilvy; WPP; Publicis; Brightline Creative; Kestrel & Co. Advertising",
        "蓝色光标; 省广集团",
        "marketing agency; advertising agency",
        "广告公司; 营销机构",
    ),
    _kind(
        "auto_dealer",
        "automotive",
        None,
        "AutoNation; Lithia Motors; Sunrise Toyota; Westside Ford",
        "广汇汽车; 中升集团",
        "car dealership; auto group",
        "汽车经销商",
    ),
    _kind(
        "gym",
        "fitness",
        None,
        "24 Hour Fitness; Equinox; Planet Fitness; Iron Peak Gym",
        "威尔仕健身; 乐刻运动",
        "fitness club; gym chain",
        "健身会所",
    ),
    _kind(
        "farm",
        "agriculture",
        None,
        "Cargill; Green Acres Farms; Valley Harvest Co-op",
        "北大荒农垦集团; 中粮集团",
        "family farm; agricultural co-operative; agribusiness",
        "农业公司; 农场",
    ),
)

EMPLOYER_KINDS: dict[str, EmployerKind] = {k.key: k for k in _KINDS}

COUNTRIES: tuple[Country, ...] = (
    Country(
        "United States",
        _words(
            "New York, NY; Austin, TX; Chicago, IL; San Francisco, CA; Houston, TX; Atlanta, GA; Boston, MA; "
            "Phoenix, AZ; Denver, CO; Seattle, WA; Miami, FL; Charlotte, NC; Columbus, OH; Minneapolis, MN"
        ),
        _words("纽约; 旧金山; 芝加哥; 西雅图"),
        40,
    ),
    Country(
        "United Kingdom", _words("London, UK; Manchester, UK; Edinburgh, UK; Leeds, UK"), _words("伦敦"), 7
    ),
    Country("Singapore", ("Singapore",), ("新加坡",), 6),
    Country("Hong Kong", ("Hong Kong",), ("香港",), 5),
    Country(
        "China",
        _words("Shanghai, China; Beijing, China; Shenzhen, China"),
        _words("上海; 北京; 深圳; 杭州; 广州"),
        5,
    ),
    Country("United Arab Emirates", _words("Dubai, UAE; Abu Dhabi, UAE"), _words("迪拜; 阿布扎比"), 5),
    Country(
        "India", _words("Bangalore, India; Mumbai, India; Hyderabad, India"), _words("班加罗尔; 孟买"), 4
    ),
    Country("Canada", _words("Toronto, Canada; Vancouver, Canada"), _words("多伦多; 温哥华"), 4),
    Country("Australia", _words("Sydney, Australia; Melbourne, Australia"), _words("悉尼; 墨尔本"), 3),
    Country("Germany", _words("Berlin, Germany; Frankfurt, Germany"), _words("柏林; 法兰克福"), 3),
    Country("Switzerland", _words("Zurich, Switzerland; Zug, Switzerland"), _words("苏黎世"), 2),
    Country("Nigeria", _words("Lagos, Nigeria"), _words("拉各斯"), 2),
    Country("Philippines", _words("Manila, Philippines"), _words("马尼拉"), 2),
    Country("Malaysia", _words("Kuala Lumpur, Malaysia"), _words("吉隆坡"), 2),
    Country("Brazil", _words("São Paulo, Brazil"), _words("圣保罗"), 2),
    Country("Japan", _words("Tokyo, Japan"), _words("东京"), 2),
    Country("South Korea", _words("Seoul, South Korea"), _words("首尔"), 1),
    Country("Netherlands", _words("Amsterdam, Netherlands"), _words("阿姆斯特丹"), 1),
    Country("Mexico", _words("Mexico City, Mexico"), _words("墨西哥城"), 1),
    Country("Kenya", _words("Nairobi, Kenya"), _words("内罗毕"), 1),
    Country("Portugal", _words("Lisbon, Portugal"), _words("里斯本"), 1),
    Country("Turkey", _words("Istanbul, Turkey"), _words("伊斯坦布尔"), 1),
)
