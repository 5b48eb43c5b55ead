"""Word pools for the random résumé sampler: careers, employers, places, names.

Data only. Kept apart from :mod:`training.corpus.sample` so the sampling logic
stays readable. Every English string is encodable in cp1252, so that the standard
PDF fonts can print it; Chinese strings use characters from GB2312.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Track:
    """A career track: titles by seniority level, employers, bullet templates and skills.

    ``titles``/``titles_zh`` hold four levels (junior, mid, senior, lead). Bullet
    templates use ``{placeholders}`` that :mod:`training.corpus.sample` fills with numbers.
    """

    key: str
    family: str
    titles: tuple[tuple[str, ...], ...]
    titles_zh: tuple[tuple[str, ...], ...]
    employers: str
    bullets: tuple[str, ...]
    bullets_zh: tuple[str, ...]
    skills: tuple[str, ...]
    skills_zh: tuple[str, ...]
    fields: tuple[str, ...]
    fields_zh: tuple[str, ...]
    certs: tuple[str, ...]
    certs_zh: tuple[str, ...]
    summary: str
    summary_zh: str


EMPLOYERS: dict[str, tuple[str, ...]] = {
    "bank": (
        "HSBC", "Standard Chartered Bank", "DBS Bank", "OCBC Bank", "JPMorgan Chase & Co.", "Citi",
        "Barclays", "UBS", "Deutsche Bank", "BNP Paribas", "Goldman Sachs", "Morgan Stanley",
        "Emirates NBD", "Mashreq Bank", "Bank of America", "Santander", "ING", "Macquarie Group",
        "Northbridge Capital Partners", "Harbourview Bank", "Meridian Trust Bank", "First Coastal Bank",
        "Gulf Meridian Bank B.S.C.", "Alder & Finch Wealth Management", "Crestmoor Securities",
        "Banque Cedrus S.A.L.", "Pinecrest Savings & Loan",
    ),
    "audit": (
        "Deloitte", "PwC", "EY", "KPMG", "Grant Thornton", "BDO", "Whitfield & Rowe LLP",
        "Marlow Harcourt Chartered Accountants",
    ),
    "exchange": (
        "Hong Kong Exchanges and Clearing", "Singapore Exchange", "London Stock Exchange Group",
        "Nasdaq", "CME Group", "Visa", "Mastercard", "Adyen", "Wise", "Revolut",
    ),
    "tech": (
        "Google", "Amazon", "Microsoft", "Shopify", "Grab", "Sea Limited", "Shopee", "Stripe",
        "Atlassian", "Salesforce", "Lazada", "Rakuten", "Booking.com", "Zalando", "Careem", "Talabat",
        "Meta", "Uber", "Airbnb", "Kestrel Labs Pte. Ltd.", "Brightloop Software", "Lumenpath Analytics",
        "Tidewater Commerce", "Cobaltix Inc.", "Parcelly GmbH", "Fernwood Digital", "Quillstack Ltd.",
    ),
    "crypto": (
        "Binance", "Coinbase", "Kraken", "OKX", "Bybit", "Crypto.com", "Gemini", "Bitstamp",
        "Uniswap Labs", "Aave", "Chainlink Labs", "Consensys", "Ledger", "Fireblocks", "Circle",
        "Chainalysis", "Elliptic", "Ripple", "Halberd Security Pte. Ltd.", "Nebula Chain Foundation",
        "Arcadia DeFi Labs", "Ironleaf Custody AG", "Lattice Protocol Ltd.", "Solvane Exchange FZE",
    ),
    "hospital": (
        "Singapore General Hospital", "Mount Elizabeth Hospital", "Guy's and St Thomas' NHS Foundation Trust",
        "Cleveland Clinic Abu Dhabi", "Queen Mary Hospital", "St. David's Medical Center",
        "Riverside Community Hospital", "Mercy Valley Health",
    ),
    "school": (
        "Raffles Institution", "Dubai British School", "Austin Independent School District",
        "Greenfield International School", "Westlake Academy", "St. Aidan's College",
    ),
    "ops": (
        "DHL Supply Chain", "Maersk", "IKEA", "Marriott International", "Hilton", "Decathlon",
        "Harbourline Logistics", "Summit Retail Group", "Oakridge Facilities Management",
    ),
}

EMPLOYERS_ZH: dict[str, tuple[str, ...]] = {
    "bank": (
        "中国工商银行", "中国银行", "中国建设银行", "招商银行", "平安银行", "交通银行", "浦发银行",
        "中信证券", "华泰证券", "国泰君安证券", "汇丰银行（中国）有限公司", "渣打银行（中国）有限公司",
    ),
    "audit": ("普华永道中天会计师事务所", "德勤华永会计师事务所", "安永华明会计师事务所", "毕马威华振会计师事务所"),
    "exchange": ("上海证券交易所", "深圳证券交易所", "香港交易所", "中国银联", "支付宝（中国）网络技术有限公司"),
    "tech": (
        "腾讯", "阿里巴巴", "字节跳动", "美团", "京东", "拼多多", "百度", "网易", "小米", "华为",
        "蚂蚁集团", "快手", "杭州云帆科技有限公司", "深圳星河数据有限公司",
    ),
    "crypto": (
        "币安", "OKX", "火币", "Bybit", "HashKey Exchange", "Matrixport", "Amber Group",
        "新加坡链桥科技有限公司", "香港数安资产管理有限公司",
    ),
    "hospital": ("北京协和医院", "复旦大学附属华山医院", "四川大学华西医院", "中山大学附属第一医院"),
    "school": ("北京市第四中学", "上海中学", "深圳外国语学校", "杭州市学军中学"),
    "ops": ("顺丰速运", "中国远洋海运集团", "宜家家居", "万豪国际酒店集团"),
}

TRACKS: tuple[Track, ...] = (
    Track(
        key="compliance", family="tradfi",
        titles=(("KYC Analyst", "AML Analyst", "Compliance Analyst"),
                ("Senior KYC Analyst", "Compliance Officer", "Financial Crime Analyst"),
                ("Compliance Manager", "Senior Compliance Officer", "AML Team Lead"),
                ("Head of Compliance", "MLRO", "Director, Financial Crime Compliance")),
        titles_zh=(("反洗钱专员", "合规专员", "KYC 审核专员"), ("高级合规专员", "反洗钱分析师"),
                   ("合规经理", "高级合规经理"), ("合规总监", "反洗钱负责人")),
        employers="bank",
        bullets=(
            "Reviewed {n3} KYC files per month for corporate and private banking clients with a {pct}% first-pass approval rate.",
            "Investigated {n2} transaction-monitoring alerts a week and filed {n1} suspicious activity reports.",
            "Cut the periodic review backlog from {big} to {n3} cases in {n1} months by re-prioritising by risk rating.",
            "Drafted the enhanced due diligence procedure adopted across {n1} business lines.",
            "Trained {n2} front-office staff on sanctions screening and escalation thresholds.",
            "Supported the {year} regulatory inspection; closed all {n1} findings before the deadline.",
            "Tuned screening rules, reducing false positives by {pct}% without missed true matches.",
        ),
        bullets_zh=(
            "每月审核 {n3} 份企业及私人银行客户 KYC 资料，一次通过率 {pct}%。",
            "每周调查 {n2} 条交易监测预警，提交可疑交易报告 {n1} 份。",
            "牵头修订客户尽职调查制度，覆盖 {n1} 条业务线。",
            "优化制裁名单筛查规则，误报率下降 {pct}%。",
            "配合 {year} 年监管现场检查，{n1} 项问题全部按期整改。",
        ),
        skills=("KYC", "AML", "CDD/EDD", "Sanctions screening", "Transaction monitoring", "World-Check",
                "Actimize", "FATF recommendations", "Risk assessment", "SAR filing", "Excel", "SQL"),
        skills_zh=("KYC", "反洗钱", "制裁筛查", "交易监测", "风险评估", "Excel", "SQL"),
        fields=("Finance", "Law", "Economics", "Accounting"),
        fields_zh=("金融学", "法学", "经济学"),
        certs=("CAMS", "ICA Diploma in Anti Money Laundering", "CGSS", "ICA Certificate in Compliance"),
        certs_zh=("CAMS 国际反洗钱师", "法律职业资格证书", "银行从业资格"),
        summary="Compliance professional with {years} years in AML, KYC and financial crime controls.",
        summary_zh="{years} 年反洗钱与合规工作经验，熟悉 KYC、制裁筛查及监管检查。",
    ),
    Track(
        key="banking", family="tradfi",
        titles=(("Personal Banker", "Credit Analyst", "Client Service Officer"),
                ("Relationship Manager", "Senior Credit Analyst", "Wealth Advisor"),
                ("Senior Relationship Manager", "Private Banker", "Credit Manager"),
                ("Director, Private Banking", "Head of Commercial Banking", "Team Head, Relationship Management")),
        titles_zh=(("客户经理助理", "信贷专员", "柜员"), ("客户经理", "信贷分析师"),
                   ("高级客户经理", "私人银行家"), ("私人银行部总经理", "公司金融部负责人")),
        employers="bank",
        bullets=(
            "Managed a portfolio of {n3} clients with {money} in assets under management.",
            "Grew the loan book by {pct}% year on year while keeping non-performing loans below {small}%.",
            "Ranked top {small} of {n3} relationship managers in the region for net new money in {year}.",
            "Prepared credit papers for facilities of up to {money} for mid-market companies.",
            "Onboarded {n2} new corporate clients in {n1} months through referrals and events.",
            "Cross-sold FX and trade finance products, adding {money} in annual fee income.",
        ),
        bullets_zh=(
            "管理客户 {n3} 户，管理资产规模 {money_zh}。",
            "贷款余额同比增长 {pct}%，不良率控制在 {small}% 以内。",
            "{year} 年新增客户资产在全分行 {n3} 名客户经理中排名前 {small}。",
            "撰写授信报告，单笔授信额度最高 {money_zh}。",
        ),
        skills=("Credit analysis", "Portfolio management", "Financial modelling", "Bloomberg", "Salesforce CRM",
                "Trade finance", "FX", "Client onboarding", "Excel", "Negotiation"),
        skills_zh=("信贷分析", "财务建模", "客户关系管理", "贸易融资", "Excel", "Wind"),
        fields=("Finance", "Business Administration", "Economics"),
        fields_zh=("金融学", "工商管理", "经济学"),
        certs=("CFA Level II", "CFA", "Chartered Wealth Manager", "IBF Certified Relationship Manager"),
        certs_zh=("CFA 二级", "基金从业资格", "证券从业资格"),
        summary="Relationship banker with {years} years serving corporate and high-net-worth clients.",
        summary_zh="{years} 年银行客户经理经验，服务企业及高净值客户。",
    ),
    Track(
        key="audit", family="tradfi",
        titles=(("Audit Associate", "Staff Accountant", "Junior Accountant"),
                ("Senior Auditor", "Financial Accountant", "Senior Associate, Assurance"),
                ("Audit Manager", "Finance Manager", "Financial Controller"),
                ("Audit Director", "Head of Finance", "Chief Financial Officer")),
        titles_zh=(("审计助理", "会计"), ("高级审计员", "财务会计"), ("审计经理", "财务经理"), ("审计总监", "财务总监")),
        employers="audit",
        bullets=(
            "Led year-end audits of {n1} listed clients with revenues up to {money} under IFRS.",
            "Performed monthly reconciliations for {n2} bank accounts and cleared {pct}% of aged items.",
            "Shortened the month-end close from {n2} to {n1} working days by automating journals.",
            "Tested {n3} internal controls for SOX compliance and reported {n1} deficiencies.",
            "Prepared consolidated financial statements for {n1} entities in {n1} currencies.",
            "Supervised a team of {n1} associates across {n1} engagements.",
        ),
        bullets_zh=(
            "负责 {n1} 家上市公司年报审计，单家营收最高 {money_zh}。",
            "每月完成 {n2} 个银行账户对账，清理 {pct}% 的长期未达账项。",
            "推动月结自动化，结账周期由 {n2} 天缩短至 {n1} 天。",
            "测试 {n3} 项内部控制，出具 {n1} 项缺陷报告。",
        ),
        skills=("IFRS", "US GAAP", "SOX", "SAP", "Oracle Financials", "Reconciliations", "Consolidation",
                "Internal controls", "Excel", "Power BI"),
        skills_zh=("IFRS", "企业会计准则", "SAP", "内部控制", "合并报表", "Excel"),
        fields=("Accounting", "Finance", "Commerce"),
        fields_zh=("会计学", "审计学", "财务管理"),
        certs=("ACCA", "CPA", "CA", "CIA"),
        certs_zh=("注册会计师（CPA）", "ACCA", "中级会计师"),
        summary="Chartered accountant with {years} years in audit, financial reporting and controls.",
        summary_zh="{years} 年审计与财务报告经验，熟悉 IFRS 及内部控制。",
    ),
    Track(
        key="markets", family="tradfi",
        titles=(("Research Analyst", "Risk Analyst", "Operations Analyst"),
                ("Equity Trader", "Quantitative Analyst", "Market Risk Analyst"),
                ("Senior Trader", "Portfolio Manager", "Market Risk Manager"),
                ("Head of Trading", "Chief Risk Officer", "Managing Director, Equities")),
        titles_zh=(("研究助理", "风险分析师"), ("交易员", "量化分析师"), ("高级交易员", "投资经理"), ("交易部负责人", "首席风险官")),
        employers="exchange",
        bullets=(
            "Traded a {money} book of Asian equities with a Sharpe ratio of {ratio}.",
            "Built a VaR model covering {n3} instruments; back-testing exceptions fell by {pct}%.",
            "Covered {n2} stocks in the financials sector; {n1} initiation reports published.",
            "Automated daily P&L attribution in Python, saving {n2} analyst hours a week.",
            "Monitored limits for {n2} trading desks and escalated breaches within {n1} hours.",
        ),
        bullets_zh=(
            "管理 {money_zh} 的 A 股组合，夏普比率 {ratio}。",
            "搭建覆盖 {n3} 个品种的 VaR 模型，回测异常减少 {pct}%。",
            "使用 Python 自动化每日盈亏归因，每周节省 {n2} 小时。",
        ),
        skills=("Python", "Bloomberg", "VaR", "Derivatives pricing", "Equities", "Fixed income", "Murex",
                "kdb+", "SQL", "Excel VBA"),
        skills_zh=("Python", "Wind", "VaR", "衍生品定价", "量化交易", "SQL"),
        fields=("Financial Engineering", "Mathematics", "Economics", "Physics"),
        fields_zh=("金融工程", "数学与应用数学", "统计学"),
        certs=("FRM", "CFA", "Series 7", "CQF"),
        certs_zh=("FRM", "CFA", "期货从业资格"),
        summary="Markets professional with {years} years in trading, research and risk.",
        summary_zh="{years} 年交易、研究与风险管理经验。",
    ),
    Track(
        key="backend", family="web2",
        titles=(("Software Engineer", "Junior Developer", "Backend Developer"),
                ("Backend Engineer", "Software Engineer II", "Full Stack Engineer"),
                ("Senior Backend Engineer", "Senior Software Engineer", "Tech Lead"),
                ("Staff Engineer", "Engineering Manager", "Principal Engineer")),
        titles_zh=(("软件工程师", "后端开发工程师"), ("Java 开发工程师", "后端工程师"),
                   ("高级后端工程师", "技术组长"), ("技术专家", "研发经理")),
        employers="tech",
        bullets=(
            "Built a payments service in Go handling {big} requests per second at p99 latency under {n2} ms.",
            "Migrated {n2} services from a monolith to Kubernetes, cutting deploy time from {n2} minutes to {n1}.",
            "Designed the order API used by {n1} mobile and web clients and {n3}k daily users.",
            "Reduced AWS costs by {pct}% ({money} a year) through right-sizing and caching.",
            "Mentored {n1} junior engineers and ran the team's code-review guild.",
            "Introduced contract tests that caught {n2} breaking changes before release.",
            "Owned on-call for {n1} services with {uptime}% uptime over {year}.",
        ),
        bullets_zh=(
            "使用 Go 开发支付服务，峰值 {big} QPS，p99 延迟低于 {n2} ms。",
            "将 {n2} 个服务从单体迁移至 Kubernetes，部署时间由 {n2} 分钟缩短至 {n1} 分钟。",
            "设计订单 API，支撑日活 {n3} 万用户。",
            "通过缓存与资源优化降低云成本 {pct}%。",
            "指导 {n1} 名初级工程师，推动代码评审规范落地。",
        ),
        skills=("Python", "Go", "Java", "PostgreSQL", "Redis", "Kafka", "Kubernetes", "Docker", "AWS",
                "gRPC", "REST APIs", "Terraform", "CI/CD", "Microservices"),
        skills_zh=("Java", "Go", "Python", "MySQL", "Redis", "Kafka", "Kubernetes", "Spring Boot", "微服务"),
        fields=("Computer Science", "Software Engineering", "Electrical Engineering"),
        fields_zh=("计算机科学与技术", "软件工程", "电子信息工程"),
        certs=("AWS Certified Solutions Architect - Associate", "Certified Kubernetes Administrator",
               "Google Cloud Professional Cloud Developer"),
        certs_zh=("AWS 认证解决方案架构师", "软件设计师（中级）"),
        summary="Backend engineer with {years} years building reliable, high-traffic services.",
        summary_zh="{years} 年后端开发经验，擅长高并发分布式系统。",
    ),
    Track(
        key="frontend", family="web2",
        titles=(("Frontend Developer", "Junior Web Developer", "iOS Developer"),
                ("Frontend Engineer", "Mobile Engineer", "Android Engineer"),
                ("Senior Frontend Engineer", "Senior Mobile Engineer", "Lead UI Engineer"),
                ("Head of Frontend", "Engineering Manager, Mobile", "Principal Frontend Engineer")),
        titles_zh=(("前端开发工程师", "iOS 开发工程师"), ("前端工程师", "Android 工程师"),
                   ("高级前端工程师", "前端组长"), ("前端技术专家", "移动端研发经理")),
        employers="tech",
        bullets=(
            "Rebuilt the checkout in React and TypeScript, lifting conversion by {pct}%.",
            "Cut the largest contentful paint from {ratio} s to {small} s on mobile.",
            "Shipped the iOS app's new onboarding flow to {n3}k users with a {small}% crash-free drop of 0.",
            "Created a design-system library of {n2} components adopted by {n1} product teams.",
            "Ran {n2} A/B tests with product managers and designers over {n1} quarters.",
        ),
        bullets_zh=(
            "使用 React 与 TypeScript 重构收银台，转化率提升 {pct}%。",
            "移动端首屏加载时间由 {ratio} 秒降至 {small} 秒。",
            "搭建包含 {n2} 个组件的设计系统，{n1} 个业务团队接入。",
        ),
        skills=("React", "TypeScript", "JavaScript", "Next.js", "Swift", "Kotlin", "GraphQL", "CSS",
                "Webpack", "Jest", "Figma", "Accessibility"),
        skills_zh=("React", "Vue", "TypeScript", "小程序", "Webpack", "Node.js"),
        fields=("Computer Science", "Information Systems", "Interaction Design"),
        fields_zh=("计算机科学与技术", "软件工程", "数字媒体技术"),
        certs=("Meta Front-End Developer Certificate", "Google Mobile Web Specialist"),
        certs_zh=("软件设计师（中级）",),
        summary="Frontend engineer with {years} years shipping fast, accessible web and mobile apps.",
        summary_zh="{years} 年前端开发经验，关注性能与用户体验。",
    ),
    Track(
        key="product", family="web2",
        titles=(("Associate Product Manager", "Business Analyst", "Product Analyst"),
                ("Product Manager", "Product Owner", "UX Designer"),
                ("Senior Product Manager", "Lead Product Designer", "Group Product Manager"),
                ("Head of Product", "Director of Product", "VP Product")),
        titles_zh=(("产品助理", "需求分析师"), ("产品经理", "交互设计师"), ("高级产品经理", "产品组长"), ("产品总监", "产品负责人")),
        employers="tech",
        bullets=(
            "Launched a subscription tier that reached {money} ARR in {n1} months.",
            "Owned the roadmap for the seller app used by {n3}k merchants in {n1} markets.",
            "Ran {n2} user interviews and {n1} usability studies to redesign onboarding; activation rose {pct}%.",
            "Prioritised a backlog across {n1} squads of {n2} engineers using RICE scoring.",
            "Defined KPIs and dashboards with data science; weekly retention improved by {pct}%.",
        ),
        bullets_zh=(
            "上线会员订阅产品，{n1} 个月内年化收入达 {money_zh}。",
            "负责商家端 App 产品规划，覆盖 {n3} 万商家。",
            "完成 {n2} 场用户访谈，重构新手引导，激活率提升 {pct}%。",
        ),
        skills=("Product strategy", "Roadmapping", "A/B testing", "User research", "SQL", "Amplitude", "Jira",
                "Figma", "OKRs", "Agile/Scrum", "Stakeholder management"),
        skills_zh=("产品规划", "需求分析", "A/B 测试", "Axure", "SQL", "用户研究"),
        fields=("Business Administration", "Computer Science", "Psychology", "Design"),
        fields_zh=("工商管理", "计算机科学与技术", "心理学"),
        certs=("Certified Scrum Product Owner", "Pragmatic Institute PMC-III", "PMP"),
        certs_zh=("PMP 项目管理专业人士", "NPDP 产品经理国际资格"),
        summary="Product manager with {years} years turning user research into products people pay for.",
        summary_zh="{years} 年互联网产品经验，擅长从用户研究到商业化落地。",
    ),
    Track(
        key="data", family="web2",
        titles=(("Data Analyst", "Junior Data Scientist", "BI Analyst"),
                ("Data Scientist", "Analytics Engineer", "Machine Learning Engineer"),
                ("Senior Data Scientist", "Lead Data Analyst", "Senior ML Engineer"),
                ("Head of Data", "Director of Analytics", "Principal Data Scientist")),
        titles_zh=(("数据分析师", "BI 分析师"), ("数据科学家", "算法工程师"), ("高级算法工程师", "数据分析组长"), ("数据部负责人", "首席数据科学家")),
        employers="tech",
        bullets=(
            "Built a churn model (gradient boosting, AUC {ratio}) that guided retention offers to {n3}k users.",
            "Designed the experimentation platform's metrics layer used for {n3} tests a year.",
            "Automated {n2} weekly reports in dbt and Looker, freeing {n2} hours a week.",
            "Improved search ranking with learning-to-rank, raising click-through by {pct}%.",
            "Cleaned and modelled {big} GB of event data into a Snowflake star schema.",
        ),
        bullets_zh=(
            "搭建用户流失预测模型（AUC {ratio}），指导 {n3} 万用户的挽留策略。",
            "优化搜索排序算法，点击率提升 {pct}%。",
            "使用 SQL 与 Python 自动化 {n2} 份周报，每周节省 {n2} 小时。",
        ),
        skills=("Python", "SQL", "pandas", "scikit-learn", "PyTorch", "dbt", "Snowflake", "Looker", "Spark",
                "Statistics", "Airflow", "Tableau"),
        skills_zh=("Python", "SQL", "Spark", "机器学习", "TensorFlow", "Hive", "数据可视化"),
        fields=("Statistics", "Computer Science", "Mathematics", "Data Science"),
        fields_zh=("统计学", "数学与应用数学", "计算机科学与技术"),
        certs=("TensorFlow Developer Certificate", "Databricks Certified Data Engineer Associate"),
        certs_zh=("CDA 数据分析师",),
        summary="Data scientist with {years} years of experimentation, modelling and analytics.",
        summary_zh="{years} 年数据分析与机器学习经验。",
    ),
    Track(
        key="growth", family="web2",
        titles=(("Digital Marketing Executive", "Social Media Coordinator", "SEO Specialist"),
                ("Growth Marketing Manager", "Performance Marketing Manager", "Content Marketing Manager"),
                ("Senior Growth Manager", "Marketing Lead", "Head of Performance Marketing"),
                ("Head of Growth", "Director of Marketing", "CMO")),
        titles_zh=(("新媒体运营专员", "SEO 专员"), ("增长运营经理", "市场经理"), ("高级增长经理", "市场部主管"), ("增长负责人", "市场总监")),
        employers="tech",
        bullets=(
            "Managed a {money} monthly paid-acquisition budget across Google, Meta and TikTok at {ratio}x ROAS.",
            "Grew organic traffic from {n3}k to {big}k monthly sessions through technical SEO.",
            "Launched referral programme that delivered {pct}% of new sign-ups in {year}.",
            "Reduced cost per acquisition by {pct}% with landing-page experiments.",
            "Built lifecycle email journeys reaching {n3}k subscribers with {pct}% open rates.",
        ),
        bullets_zh=(
            "管理月度 {money_zh} 投放预算，ROI 达 {ratio}。",
            "通过内容与 SEO 将自然流量由 {n3} 万提升至 {big} 万。",
            "策划拉新活动，获客成本降低 {pct}%。",
        ),
        skills=("SEO", "SEM", "Google Ads", "Meta Ads", "Google Analytics", "HubSpot", "Copywriting",
                "CRM", "Conversion rate optimisation", "Marketing automation"),
        skills_zh=("SEO", "SEM", "新媒体运营", "用户增长", "数据分析", "文案策划"),
        fields=("Marketing", "Communications", "Business Administration"),
        fields_zh=("市场营销", "新闻传播学", "工商管理"),
        certs=("Google Ads Certification", "Google Analytics Certification", "HubSpot Inbound Marketing"),
        certs_zh=("Google Ads 认证",),
        summary="Growth marketer with {years} years of paid, organic and lifecycle acquisition.",
        summary_zh="{years} 年互联网增长与市场营销经验。",
    ),
    Track(
        key="smart_contract", family="web3",
        titles=(("Blockchain Developer", "Junior Solidity Developer", "Web3 Developer"),
                ("Smart Contract Engineer", "Protocol Engineer", "Security Researcher"),
                ("Senior Smart Contract Engineer", "Lead Auditor", "Senior Protocol Engineer"),
                ("Head of Protocol", "Principal Security Researcher", "CTO")),
        titles_zh=(("区块链开发工程师", "Solidity 开发工程师"), ("智能合约工程师", "安全研究员"),
                   ("高级智能合约工程师", "首席审计师"), ("协议负责人", "CTO")),
        employers="crypto",
        bullets=(
            "Wrote and audited Solidity lending contracts securing {money} in total value locked.",
            "Found {n1} critical and {n2} high-severity issues across {n2} smart-contract audits.",
            "Cut gas costs of the swap router by {pct}% with assembly-level optimisation.",
            "Built Foundry invariant tests covering {n3} properties of the staking module.",
            "Deployed cross-chain bridge contracts to {n1} EVM networks with zero incidents.",
            "Designed the token vesting and governance contracts for a {n3}k-holder DAO.",
        ),
        bullets_zh=(
            "开发并审计 Solidity 借贷合约，锁仓价值 {money_zh}。",
            "完成 {n2} 个智能合约审计，发现严重漏洞 {n1} 个。",
            "优化兑换路由合约，Gas 消耗降低 {pct}%。",
            "使用 Foundry 编写 {n3} 条不变量测试。",
        ),
        skills=("Solidity", "EVM", "Foundry", "Hardhat", "Rust", "Move", "Slither", "Echidna",
                "ERC-20", "ERC-4626", "TypeScript", "ethers.js", "Formal verification"),
        skills_zh=("Solidity", "EVM", "Foundry", "Hardhat", "Rust", "智能合约审计", "DeFi"),
        fields=("Computer Science", "Mathematics", "Cryptography"),
        fields_zh=("计算机科学与技术", "信息安全", "数学与应用数学"),
        certs=("Certified Blockchain Security Professional", "Certified Ethereum Developer"),
        certs_zh=("区块链应用操作员",),
        summary="Smart-contract engineer with {years} years building and auditing DeFi protocols.",
        summary_zh="{years} 年智能合约开发与审计经验，熟悉 DeFi 协议。",
    ),
    Track(
        key="crypto_compliance", family="web3",
        titles=(("Crypto Compliance Analyst", "Onboarding Analyst", "Blockchain Investigator"),
                ("Senior Compliance Analyst, Digital Assets", "Travel Rule Specialist", "On-chain Analyst"),
                ("VASP Licensing Manager", "Compliance Manager, Digital Assets", "Head of Investigations"),
                ("Head of Compliance", "Chief Compliance Officer", "MLRO")),
        titles_zh=(("加密合规专员", "链上分析师"), ("高级合规分析师", "Travel Rule 专员"),
                   ("牌照申请经理", "数字资产合规经理"), ("首席合规官", "合规负责人")),
        employers="crypto",
        bullets=(
            "Traced {n2} on-chain fund flows with Chainalysis Reactor for law-enforcement requests.",
            "Implemented the Travel Rule solution for {n1} jurisdictions, covering {pct}% of withdrawals.",
            "Prepared the VASP licence application approved by the regulator in {year}.",
            "Reviewed {n3} institutional onboarding files a month, including source-of-wealth checks.",
            "Wrote the exchange's token listing risk framework used for {n2} listings.",
        ),
        bullets_zh=(
            "使用 Chainalysis 追踪 {n2} 笔链上资金流向，配合执法机构调证。",
            "落地 Travel Rule 方案，覆盖 {n1} 个司法辖区。",
            "主导 VASP 牌照申请，{year} 年获监管批准。",
            "每月审核 {n3} 份机构客户 KYC 资料。",
        ),
        skills=("Travel Rule", "Chainalysis", "Elliptic", "TRM Labs", "VASP licensing", "KYC", "AML",
                "Blockchain analytics", "MiCA", "Risk assessment"),
        skills_zh=("Travel Rule", "Chainalysis", "KYC", "反洗钱", "链上分析", "VASP 牌照"),
        fields=("Law", "Finance", "International Relations"),
        fields_zh=("法学", "金融学"),
        certs=("CAMS", "Certified Cryptocurrency Investigator", "Chainalysis Reactor Certification"),
        certs_zh=("CAMS 国际反洗钱师", "Chainalysis 认证"),
        summary="Digital-asset compliance specialist with {years} years across exchanges and custody.",
        summary_zh="{years} 年数字资产合规经验，熟悉 VASP 牌照及 Travel Rule。",
    ),
    Track(
        key="crypto_trading", family="web3",
        titles=(("Trading Analyst", "Junior Quant Trader", "OTC Associate"),
                ("Crypto Trader", "Market Maker", "OTC Trader"),
                ("Senior Quant Trader", "Lead Market Maker", "Head of OTC Desk"),
                ("Head of Trading", "Chief Investment Officer", "Partner")),
        titles_zh=(("交易分析师", "量化研究员"), ("加密货币交易员", "做市交易员"), ("高级量化交易员", "OTC 负责人"), ("交易总监", "合伙人")),
        employers="crypto",
        bullets=(
            "Made markets in {n2} perpetual futures pairs with {money} average daily volume.",
            "Built a delta-neutral basis strategy returning {pct}% annualised with a maximum drawdown of {small}%.",
            "Executed {money} in OTC block trades for {n2} institutional clients.",
            "Wrote the inventory-risk model that cut hedging costs by {pct}%.",
            "Integrated {n1} new DEX venues into the smart order router.",
        ),
        bullets_zh=(
            "为 {n2} 个永续合约交易对做市，日均成交 {money_zh}。",
            "构建期现套利策略，年化收益 {pct}%，最大回撤 {small}%。",
            "为 {n2} 家机构客户完成大宗 OTC 交易 {money_zh}。",
        ),
        skills=("Market making", "Python", "C++", "Perpetual futures", "Options", "DeFi", "kdb+",
                "Risk management", "Order book analysis", "Uniswap v3"),
        skills_zh=("做市", "Python", "C++", "永续合约", "期权", "DeFi"),
        fields=("Mathematics", "Physics", "Financial Engineering"),
        fields_zh=("金融工程", "数学与应用数学", "物理学"),
        certs=("CFA Level I", "FRM Part I"),
        certs_zh=("FRM", "CFA 一级"),
        summary="Crypto trader with {years} years of market making and systematic strategies.",
        summary_zh="{years} 年加密资产交易与做市经验。",
    ),
    Track(
        key="web3_growth", family="web3",
        titles=(("Community Moderator", "Web3 Marketing Associate", "Ecosystem Analyst"),
                ("Community Manager", "Ecosystem Growth Manager", "Product Manager, Wallet"),
                ("Head of Community", "Senior Product Manager, DeFi", "Ecosystem Lead"),
                ("Head of Ecosystem", "VP Growth", "Co-founder")),
        titles_zh=(("社区运营", "生态分析师"), ("社区经理", "钱包产品经理"), ("生态负责人", "高级产品经理"), ("生态总监", "联合创始人")),
        employers="crypto",
        bullets=(
            "Grew the Discord and Telegram community from {n3}k to {big}k members in {n1} months.",
            "Ran a grants programme funding {n2} projects with {money} in tokens.",
            "Launched the wallet's staking feature, reaching {money} staked in the first quarter.",
            "Organised {n1} hackathons with {n3} participants across {n1} countries.",
            "Coordinated an airdrop to {n3}k addresses with sybil filtering that excluded {pct}% of claims.",
        ),
        bullets_zh=(
            "社区成员在 {n1} 个月内由 {n3} 千增长至 {big} 千。",
            "主导生态基金计划，资助 {n2} 个项目。",
            "上线钱包质押功能，首季度质押规模 {money_zh}。",
        ),
        skills=("Community building", "Tokenomics", "Discord", "Dune Analytics", "DAO governance",
                "Content strategy", "Partnerships", "Wallets", "Staking", "NFT"),
        skills_zh=("社区运营", "代币经济学", "DAO", "Dune", "NFT", "钱包产品"),
        fields=("Marketing", "Economics", "Media Studies"),
        fields_zh=("市场营销", "经济学", "新闻传播学"),
        certs=("Certified Digital Asset Advisor",),
        certs_zh=("数字资产分析师认证",),
        summary="Web3 growth lead with {years} years building communities and ecosystems.",
        summary_zh="{years} 年 Web3 生态与社区运营经验。",
    ),
    Track(
        key="nursing", family="other",
        titles=(("Staff Nurse", "Enrolled Nurse", "Nursing Assistant"),
                ("Registered Nurse", "Senior Staff Nurse", "Clinical Nurse"),
                ("Nurse Clinician", "Charge Nurse", "Clinical Nurse Educator"),
                ("Nurse Manager", "Director of Nursing", "Head Nurse")),
        titles_zh=(("护士", "助理护士"), ("注册护士", "护师"), ("主管护师", "护理组长"), ("护士长", "护理部主任")),
        employers="hospital",
        bullets=(
            "Cared for up to {n1} patients per shift on a {n2}-bed cardiac ward.",
            "Led the falls-prevention project that reduced inpatient falls by {pct}%.",
            "Precepted {n2} newly graduated nurses and {n1} nursing students.",
            "Administered medication and IV therapy with zero reported errors over {n1} years.",
            "Coordinated discharge plans with doctors, therapists and families for {n3} patients a month.",
        ),
        bullets_zh=(
            "每班负责 {n1} 名患者护理，科室床位 {n2} 张。",
            "牵头防跌倒项目，住院患者跌倒率下降 {pct}%。",
            "带教新护士 {n2} 名、实习护生 {n1} 名。",
        ),
        skills=("Patient assessment", "IV therapy", "Wound care", "BLS", "ACLS", "Epic EHR",
                "Infection control", "Patient education", "Triage"),
        skills_zh=("病情观察", "静脉输液", "伤口护理", "急救技能", "健康宣教"),
        fields=("Nursing", "Health Sciences"),
        fields_zh=("护理学",),
        certs=("BLS", "ACLS", "Registered Nurse Licence"),
        certs_zh=("护士执业证书", "主管护师资格"),
        summary="Registered nurse with {years} years of acute and ward care.",
        summary_zh="{years} 年临床护理经验。",
    ),
    Track(
        key="teaching", family="other",
        titles=(("Teaching Assistant", "Teacher", "Tutor"),
                ("Mathematics Teacher", "English Teacher", "Science Teacher"),
                ("Senior Teacher", "Head of Year", "Subject Lead"),
                ("Head of Department", "Deputy Principal", "Principal")),
        titles_zh=(("助教", "教师"), ("数学教师", "英语教师"), ("年级组长", "教研组长"), ("教务主任", "副校长")),
        employers="school",
        bullets=(
            "Taught {n1} classes of {n2} students; {pct}% achieved A or B grades in {year}.",
            "Designed a new coding curriculum adopted by {n1} schools in the district.",
            "Coached the debate team to {n1} national finals.",
            "Coordinated {n2} teachers and a budget of {money} as head of department.",
        ),
        bullets_zh=(
            "担任 {n1} 个班级教学，每班 {n2} 人，{year} 年优良率 {pct}%。",
            "设计编程校本课程，推广至 {n1} 所学校。",
            "指导学生竞赛，获全国奖项 {n1} 项。",
        ),
        skills=("Curriculum design", "Classroom management", "Assessment", "Google Classroom",
                "Differentiated instruction", "Coaching", "Public speaking"),
        skills_zh=("课程设计", "班级管理", "教学评估", "教育心理学"),
        fields=("Education", "Mathematics", "English Literature"),
        fields_zh=("教育学", "数学与应用数学", "英语"),
        certs=("PGCE", "Qualified Teacher Status", "TESOL"),
        certs_zh=("教师资格证", "普通话二级甲等"),
        summary="Teacher with {years} years of secondary teaching and curriculum leadership.",
        summary_zh="{years} 年中学教学与教研经验。",
    ),
    Track(
        key="operations", family="other",
        titles=(("Operations Coordinator", "IT Support Specialist", "Sales Associate"),
                ("Operations Supervisor", "Systems Administrator", "Store Manager"),
                ("Operations Manager", "Supply Chain Manager", "IT Manager"),
                ("Head of Operations", "General Manager", "Regional Director")),
        titles_zh=(("运营专员", "IT 支持工程师"), ("运营主管", "系统管理员"), ("运营经理", "供应链经理"), ("运营总监", "总经理")),
        employers="ops",
        bullets=(
            "Ran a warehouse team of {n2} staff shipping {big} orders a day at {uptime}% on-time rate.",
            "Cut inventory write-offs by {pct}% through cycle counts and slotting changes.",
            "Resolved {n3} help-desk tickets a month across {n1} sites.",
            "Opened {n1} new stores, hiring and training {n2} staff.",
            "Negotiated carrier contracts saving {money} a year.",
        ),
        bullets_zh=(
            "管理 {n2} 人仓储团队，日发货 {big} 单，准时率 {uptime}%。",
            "通过循环盘点降低库存损耗 {pct}%。",
            "新开门店 {n1} 家，招聘并培训员工 {n2} 名。",
        ),
        skills=("Operations management", "Lean", "Six Sigma", "SAP", "Inventory control", "Scheduling",
                "Vendor management", "Excel", "Customer service"),
        skills_zh=("运营管理", "精益生产", "SAP", "库存管理", "供应商管理"),
        fields=("Business Administration", "Logistics", "Hospitality Management"),
        fields_zh=("物流管理", "工商管理"),
        certs=("Lean Six Sigma Green Belt", "APICS CSCP", "ITIL Foundation"),
        certs_zh=("六西格玛绿带",),
        summary="Operations manager with {years} years running teams, sites and supply chains.",
        summary_zh="{years} 年运营管理经验。",
    ),
)

GENERIC_BULLETS = (
    "Mentored {n1} junior colleagues, {n1} of whom were promoted within a year.",
    "Worked with teams in {n1} countries across {n1} time zones on a shared delivery plan.",
    "Presented quarterly results to the executive committee.",
    "Volunteered to lead the {year} system migration, completed {n1} weeks ahead of schedule.",
    "Wrote the onboarding guide used by every new joiner in the department.",
)
GENERIC_BULLETS_ZH = (
    "带教新人 {n1} 名，其中 {n1} 名一年内晋升。",
    "与 {n1} 个国家的团队协作，跨时区推进项目交付。",
    "主动承担 {year} 年系统迁移工作，提前 {n1} 周完成。",
    "每季度向管理层汇报业务进展。",
)

WORK_LOCATIONS = (
    "Singapore", "Hong Kong", "London, UK", "Dubai, UAE", "New York, NY", "Zug, Switzerland", "Austin, TX",
    "San Francisco, CA", "Toronto, Canada", "Sydney, Australia", "Berlin, Germany", "Paris, France",
    "Tokyo, Japan", "Seoul, South Korea", "Bangalore, India", "Mumbai, India", "Kuala Lumpur, Malaysia",
    "Jakarta, Indonesia", "Manila, Philippines", "Lagos, Nigeria", "Nairobi, Kenya", "São Paulo, Brazil",
    "Mexico City, Mexico", "Lisbon, Portugal", "Amsterdam, Netherlands", "Zurich, Switzerland",
    "Abu Dhabi, UAE", "Riyadh, Saudi Arabia", "Istanbul, Turkey", "Ho Chi Minh City, Vietnam",
    "Bangkok, Thailand", "Remote", "Chicago, IL", "Boston, MA", "Dublin, Ireland", "Manama, Bahrain",
    "Beirut, Lebanon", "Cape Town, South Africa", "Edinburgh, UK", "Melbourne, Australia",
)
WORK_LOCATIONS_ZH = (
    "北京", "上海", "深圳", "杭州", "广州", "香港", "新加坡", "成都", "南京", "武汉", "迪拜", "伦敦", "苏州", "西安",
)

UNIVERSITIES = (
    ("National University of Singapore", "Singapore"), ("Nanyang Technological University", "Singapore"),
    ("The University of Hong Kong", "Hong Kong"), ("London School of Economics", "London, UK"),
    ("University of Oxford", "Oxford, UK"), ("The University of Texas at Austin", "Austin, TX"),
    ("New York University", "New York, NY"), ("ETH Zurich", "Zurich, Switzerland"),
    ("American University of Beirut", "Beirut, Lebanon"), ("University of Lagos", "Lagos, Nigeria"),
    ("Indian Institute of Technology Bombay", "Mumbai, India"), ("University of Toronto", "Toronto, Canada"),
    ("University of Melbourne", "Melbourne, Australia"), ("Universidade de São Paulo", "São Paulo, Brazil"),
    ("Seoul National University", "Seoul, South Korea"), ("The University of Tokyo", "Tokyo, Japan"),
    ("University of Manchester", "Manchester, UK"), ("King's College London", "London, UK"),
    ("Khalifa University", "Abu Dhabi, UAE"), ("University of Nairobi", "Nairobi, Kenya"),
    ("Ateneo de Manila University", "Manila, Philippines"), ("Universiti Malaya", "Kuala Lumpur, Malaysia"),
    ("Arizona State University", "Tempe, AZ"), ("University College Dublin", "Dublin, Ireland"),
    ("Bogazici University", "Istanbul, Turkey"), ("Fudan University", "Shanghai, China"),
)
UNIVERSITIES_ZH = (
    ("清华大学", "北京"), ("北京大学", "北京"), ("复旦大学", "上海"), ("上海交通大学", "上海"), ("浙江大学", "杭州"),
    ("中国人民大学", "北京"), ("上海财经大学", "上海"), ("中央财经大学", "北京"), ("香港大学", "香港"),
    ("南京大学", "南京"), ("武汉大学", "武汉"), ("中山大学", "广州"), ("厦门大学", "厦门"), ("深圳大学", "深圳"),
)
DEGREES_BACHELOR = ("BSc", "BA", "BEng", "BBA", "B.Com", "Bachelor of Science", "Bachelor of Arts", "BSc (Hons)")
DEGREES_MASTER = ("MSc", "MBA", "MA", "Master of Finance", "Master of Science", "MEng")
DEGREES_ZH = ("学士", "硕士", "博士")

# (female first names, male first names, family names) per naming tradition.
NAME_POOLS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("Emily", "Sarah", "Charlotte", "Hannah", "Olivia"), ("James", "Thomas", "Daniel", "William", "Oliver"),
     ("Smith", "Walker", "Bennett", "Hughes", "O'Connor", "Fitzgerald")),
    (("Wei Ling", "Mei", "Xinyi", "Jia Hui", "Yan"), ("Wei", "Jun Jie", "Hao", "Zhiwei", "Kai"),
     ("Tan", "Lim", "Zhang", "Chen", "Wong", "Liu")),
    (("Priya", "Ananya", "Deepika", "Kavya", "Aditi"), ("Arjun", "Rahul", "Vikram", "Karthik", "Rohan"),
     ("Natarajan", "Sharma", "Iyer", "Patel", "Reddy", "Menon")),
    (("Nurul Aisyah", "Siti", "Farah", "Aishah"), ("Muhammad Hafiz", "Ahmad", "Faizal", "Azlan"),
     ("Rahman", "Ismail", "Abdullah", "Hassan")),
    (("Layla", "Fatima", "Mariam", "Noor", "Rania"), ("Omar", "Khalid", "Samir", "Youssef", "Karim"),
     ("Haddad", "Al Mansoori", "Khoury", "Nasser", "El-Sayed")),
    (("Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Amara"), ("Chinedu", "Oluwaseun", "Emeka", "Tunde", "Kwame"),
     ("Okafor", "Adeyemi", "Nwosu", "Mensah", "Okonkwo")),
    (("Lucía", "Camila", "Valentina", "María José", "Ana"), ("Mateo", "Diego", "Santiago", "Joaquín", "Andrés"),
     ("García", "Rodríguez", "Hernández", "López", "Fernández")),
    (("Yuki", "Haruka", "Aiko", "Sakura"), ("Takeshi", "Kenji", "Hiroshi", "Ren"),
     ("Tanaka", "Sato", "Suzuki", "Watanabe")),
    (("Ji-woo", "Seo-yeon", "Min-ji", "Eun-ji"), ("Min-jun", "Seo-jun", "Ji-ho", "Dong-hyun"),
     ("Kim", "Park", "Lee", "Choi", "Jung")),
    (("Linh", "Thao", "Mai", "Trang"), ("Minh", "Duc", "Quang", "Tuan"), ("Nguyen", "Tran", "Le", "Pham")),
    (("Ayla", "Zeynep", "Elif"), ("Mehmet", "Emre", "Burak"), ("Öztürk", "Yilmaz", "Çelik", "Demir")),
    (("Sofia", "Anna", "Katarzyna", "Ingrid", "Zoë"), ("Lukas", "Søren", "Matthias", "Piotr", "Jonas"),
     ("Müller", "Schmidt", "Nowak", "Andersen", "Dubois", "Rossi")),
    (("Maria Clara", "Angelica", "Kristine"), ("Jose Miguel", "Paolo", "Mark Anthony"),
     ("Santos", "Reyes", "Dela Cruz", "Bautista")),
    (("Aaliyah", "Jasmine", "Imani"), ("Marcus", "Jamal", "Andre"), ("Johnson", "Washington", "Brooks", "Jackson")),
    (("Olga", "Natalia", "Irina"), ("Dmitri", "Alexei", "Sergei"), ("Ivanova", "Petrov", "Volkov", "Sokolova")),
)

ZH_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "林", "何", "欧阳")
ZH_GIVEN_F = ("晓燕", "静", "丽娜", "雨桐", "思琪", "婷", "欣怡", "佳慧", "梦瑶", "雪")
ZH_GIVEN_M = ("伟", "晓明", "浩然", "子轩", "志强", "俊杰", "磊", "宇航", "建国", "博文")

HOME_LOCATIONS = WORK_LOCATIONS[:-9] + ("Leeds, UK", "Toronto, ON", "Seattle, WA", "Hanoi, Vietnam")
HOME_LOCATIONS_ZH = ("北京市朝阳区", "上海市浦东新区", "深圳市南山区", "杭州市西湖区", "广州市天河区", "香港", "成都市高新区")

EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "example.sg", "example.co.uk")
PHONE_FORMATS = (
    "+65 {4} {4}", "+852 {4} {4}", "+44 7{3} {6}", "+971 5{1} {3} {4}", "+1 ({3}) 555-{4}", "+1 {3}-555-{4}",
    "+41 7{1} {3} {2} {2}", "+91 9{4} {5}", "+61 4{2} {3} {3}", "+49 15{2} {7}", "+234 80{1} {3} {4}",
    "({3}) 555-{4}", "+60 1{1}-{3} {4}", "+63 9{2} {3} {4}", "+82 10-{4}-{4}",
)
PHONE_FORMATS_ZH = ("1{2}-{4}-{4}", "+86 1{2} {4} {4}", "1{10}", "+86-1{10}", "+852 {4} {4}")

LANGUAGES = ("English", "Mandarin", "Cantonese", "Malay", "Arabic", "French", "Spanish", "Hindi", "Japanese",
             "Korean", "German", "Portuguese", "Tagalog", "Yoruba", "Turkish", "Vietnamese", "Russian", "Tamil")
LEVELS = ("Native", "Fluent", "Professional working proficiency", "Intermediate", "Basic", "Bilingual",
          "C1", "B2")
LANGUAGES_ZH = (("英语", ("CET-6", "流利", "雅思 7.5", "熟练")), ("普通话", ("母语",)), ("粤语", ("熟练", "母语")),
                ("日语", ("N2", "N1", "基础")), ("韩语", ("TOPIK 4 级", "基础")), ("法语", ("DELF B2", "基础")))

AWARDS = (
    "Top Performer Award, {year}", "Employee of the Year, {year}", "Dean's List, {year}",
    "1st place, ETHGlobal Hackathon, {year}", "CEO Excellence Award, {year}", "Chairman's Club, {year}",
    "Merit Scholarship, {year}", "Best Paper Award, {year}", "Finalist, CFA Institute Research Challenge, {year}",
    "Spot Award for incident response, {year}",
)
AWARDS_ZH = ("{year} 年度优秀员工", "{year} 年国家奖学金", "{year} 年 ETHGlobal 黑客马拉松一等奖",
             "{year} 年分行业绩标兵", "{year} 年优秀共产党员", "{year} 年全国大学生数学建模竞赛一等奖")
PROJECTS = (
    "Open-source contributor to {oss}: {n2} merged pull requests.",
    "Built a personal budgeting app with {n3} monthly active users.",
    "Volunteer treasurer for a community food bank serving {n3} families.",
    "Side project: on-chain dashboard tracking {n2} DeFi protocols on Dune.",
    "Organised a fintech meetup with {n3} members.",
)
PROJECTS_ZH = ("开源项目 {oss} 贡献者，合并 PR {n2} 个。", "个人项目：记账小程序，月活 {n3} 人。",
               "校园公益项目负责人，服务 {n3} 户家庭。")
OSS = ("pandas", "Foundry", "Kubernetes", "scikit-learn", "React Native", "OpenZeppelin Contracts")
PUBLICATIONS = (
    "\"Detecting wash trading on decentralised exchanges\", Journal of Financial Crime, {year}.",
    "\"A field study of onboarding drop-off in mobile banking\", CHI Late-Breaking Work, {year}.",
    "\"Liquidity risk in stablecoin reserves\", Working paper, {year}.",
    "\"Nurse-led discharge planning outcomes\", Journal of Clinical Nursing, {year}.",
)
PUBLICATIONS_ZH = ("《去中心化交易所中的刷量交易识别》，金融研究，{year}。", "《商业银行反洗钱模型实践》，中国金融，{year}。")
