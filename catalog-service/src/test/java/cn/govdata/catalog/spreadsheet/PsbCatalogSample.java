package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.BasicResourceKind;
import cn.govdata.catalog.entry.EntryContent.DataForm;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataGrade;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ResourceCategory;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fifty realistic catalog entries of the city public security bureau (PSB, 市公安局, Nanjing 320100)
 * for tests and demonstrations. {@code main} writes them as the committed demo file
 * {@value #DEMO_FILE}; {@code PsbCatalogSampleTest} keeps the file and this class in step.
 */
public final class PsbCatalogSample {

    public static final String DEMO_FILE = "src/test/resources/spreadsheet/psb-catalog-50.xlsx";
    public static final String DEPARTMENT = "PSB";

    private static final String ID = "公民身份号码:STRING:18:personal:sensitive";
    private static final String NAME = "姓名:STRING:50:personal";
    private static final String HOUSEHOLD = "人口信息管理系统";
    private static final String EXIT_ENTRY = "出入境管理信息系统";
    private static final String TRAFFIC = "公安交通管理综合应用平台";
    private static final String PUBLIC_ORDER = "治安管理信息系统";

    /** How an entry may be shared and opened; the rest of an entry is what it describes. */
    enum Profile {
        /** 基础资源 (population): shared unconditionally by law (SY 26, QZ 5.2), never opened. */
        BASIC,
        /** Records about persons: shared on conditions, not opened. */
        PERSONAL,
        /** Licences and filings of organisations: shared freely, opened on application. */
        LICENCE,
        /** Aggregate statistics: shared and opened freely. */
        STATISTICS,
        /** Places and service points: shared and opened freely. */
        PLACES,
        /** Weapons and criminal records: neither shared nor opened. */
        RESTRICTED
    }

    private record Spec(String name, Profile profile, String classCode, String itemCode, String summary, String system,
                        String items, UpdateFrequency frequency, String topic) {
    }

    private static final List<Spec> SPECS = List.of(
            spec("人口基本信息", Profile.BASIC, "01", "001", "全市户籍人口和常住人口的公民身份号码、姓名、性别、民族、出生日期和住址等基本信息",
                    HOUSEHOLD, ID + ";" + NAME + ";性别:STRING:1;民族:STRING:2;出生日期:DATE;住址:STRING:200:personal", UpdateFrequency.DAILY, "人口"),
            spec("户籍迁移登记信息", Profile.PERSONAL, "05", "001", "户口迁入、迁出登记的业务信息，含迁移类型、迁出地、迁入地和迁移日期",
                    HOUSEHOLD, ID + ";" + NAME + ";迁移类型:STRING:10;迁出地:STRING:200;迁入地:STRING:200;迁移日期:DATE", UpdateFrequency.DAILY, "户籍"),
            spec("居民身份证办理信息", Profile.PERSONAL, "05", "002", "居民身份证申领、换领、补领的受理、制证和发放信息",
                    HOUSEHOLD, "受理编号:STRING:30;" + ID + ";" + NAME + ";办理类型:STRING:10;受理日期:DATE;发证机关:STRING:100", UpdateFrequency.DAILY, "证件"),
            spec("出入境证件办理信息", Profile.PERSONAL, "05", "003", "普通护照、往来港澳通行证、往来台湾通行证的申请、审批和签发信息",
                    EXIT_ENTRY, "证件号码:STRING:20:personal:sensitive;" + ID + ";" + NAME + ";证件类型:STRING:20;签发日期:DATE;有效期至:DATE", UpdateFrequency.DAILY, "出入境"),
            spec("机动车登记信息", Profile.PERSONAL, "06", "001", "机动车注册、变更、转移、抵押和注销登记信息",
                    TRAFFIC, "号牌号码:STRING:10;号牌种类:STRING:2;车辆识别代号:STRING:17;所有人:STRING:100:personal;初次登记日期:DATE;机动车状态:STRING:2", UpdateFrequency.DAILY, "交通"),
            spec("驾驶人信息", Profile.PERSONAL, "06", "002", "机动车驾驶证申领、换证、记分和状态信息",
                    TRAFFIC, "驾驶证号:STRING:18:personal:sensitive;" + NAME + ";准驾车型:STRING:10;初次领证日期:DATE;累积记分:INTEGER;驾驶证状态:STRING:2", UpdateFrequency.DAILY, "交通"),
            spec("出生登记信息", Profile.PERSONAL, "05", "004", "新生儿申报出生登记户口的信息",
                    HOUSEHOLD, ID + ";" + NAME + ";出生日期:DATE;出生地:STRING:200;监护人公民身份号码:STRING:18:personal:sensitive", UpdateFrequency.DAILY, "人口"),
            spec("死亡注销户口信息", Profile.PERSONAL, "05", "005", "公民死亡后注销户口的登记信息",
                    HOUSEHOLD, ID + ";" + NAME + ";死亡日期:DATE;注销日期:DATE;注销原因:STRING:50", UpdateFrequency.DAILY, "人口"),
            spec("居住证办理信息", Profile.PERSONAL, "05", "006", "流动人口申领居住证的受理、签发和签注信息",
                    HOUSEHOLD, "居住证号码:STRING:20:personal;" + ID + ";" + NAME + ";居住地址:STRING:200:personal;签发日期:DATE;有效期至:DATE", UpdateFrequency.DAILY, "人口"),
            spec("流动人口登记信息", Profile.PERSONAL, "05", "007", "来宁居住的流动人口居住登记信息，含居住地址、居住事由和登记日期",
                    HOUSEHOLD, ID + ";" + NAME + ";居住地址:STRING:200:personal;居住事由:STRING:20;登记日期:DATE", UpdateFrequency.DAILY, "人口"),
            spec("临时居民身份证明开具信息", Profile.PERSONAL, "05", "008", "因急需乘机、住宿等开具临时身份证明的记录",
                    HOUSEHOLD, "证明编号:STRING:30;" + ID + ";" + NAME + ";开具事由:STRING:100;开具日期:DATE", UpdateFrequency.DAILY, "证件"),
            spec("户口迁入审批信息", Profile.PERSONAL, "05", "009", "投靠、人才引进、购房等户口迁入的审批信息",
                    HOUSEHOLD, "审批编号:STRING:30;" + ID + ";" + NAME + ";迁入类别:STRING:20;审批结果:STRING:10;审批日期:DATE", UpdateFrequency.DAILY, "户籍"),
            spec("外国人居留许可信息", Profile.PERSONAL, "05", "010", "外国人工作、学习、团聚等类别居留许可的签发信息",
                    EXIT_ENTRY, "护照号码:STRING:20:personal:sensitive;英文姓名:STRING:100:personal;国籍:STRING:3;居留事由:STRING:20;有效期至:DATE", UpdateFrequency.DAILY, "出入境"),
            spec("境外人员住宿登记信息", Profile.PERSONAL, "05", "011", "境外人员在旅馆及社会面住宿的登记信息",
                    EXIT_ENTRY, "证件号码:STRING:20:personal:sensitive;英文姓名:STRING:100:personal;国籍:STRING:3;住宿地址:STRING:200;入住日期:DATE;离开日期:DATE", UpdateFrequency.REAL_TIME, "出入境"),
            spec("港澳台居民居住证信息", Profile.PERSONAL, "05", "012", "港澳台居民居住证的申领和签发信息",
                    EXIT_ENTRY, "居住证号码:STRING:18:personal:sensitive;" + NAME + ";居住地址:STRING:200:personal;签发日期:DATE", UpdateFrequency.DAILY, "出入境"),
            spec("机动车检验合格标志核发信息", Profile.LICENCE, "06", "003", "机动车安全技术检验合格后核发检验合格标志的信息",
                    TRAFFIC, "号牌号码:STRING:10;号牌种类:STRING:2;检验日期:DATE;检验有效期至:DATE;检验机构:STRING:100", UpdateFrequency.DAILY, "交通"),
            spec("机动车号牌核发信息", Profile.LICENCE, "06", "004", "机动车号牌的选号、核发和补领信息",
                    TRAFFIC, "号牌号码:STRING:10;号牌种类:STRING:2;核发日期:DATE;核发方式:STRING:10", UpdateFrequency.DAILY, "交通"),
            spec("机动车抵押登记信息", Profile.PERSONAL, "06", "005", "机动车抵押登记和解除抵押登记信息",
                    TRAFFIC, "号牌号码:STRING:10;所有人:STRING:100:personal;抵押权人:STRING:100;抵押登记日期:DATE;解除抵押日期:DATE", UpdateFrequency.DAILY, "交通"),
            spec("道路交通违法处理信息", Profile.PERSONAL, "06", "006", "道路交通违法行为的记录、处罚和缴款信息",
                    TRAFFIC, "决定书编号:STRING:30;驾驶证号:STRING:18:personal:sensitive;号牌号码:STRING:10;违法行为:STRING:200;罚款金额:DECIMAL;处理日期:DATE", UpdateFrequency.DAILY, "交通"),
            spec("道路交通事故处理信息", Profile.PERSONAL, "06", "007", "道路交通事故的认定、调解和处理结果信息",
                    TRAFFIC, "事故编号:STRING:30;事故时间:DATETIME;事故地点:STRING:200;当事人:STRING:200:personal;责任认定:STRING:50", UpdateFrequency.DAILY, "交通"),
            spec("驾驶证换证补证信息", Profile.PERSONAL, "06", "008", "驾驶证期满换证、遗失补证和损毁换证信息",
                    TRAFFIC, "驾驶证号:STRING:18:personal:sensitive;" + NAME + ";业务类型:STRING:10;办理日期:DATE", UpdateFrequency.DAILY, "交通"),
            spec("电动自行车登记信息", Profile.PERSONAL, "06", "009", "电动自行车注册登记和号牌核发信息",
                    TRAFFIC, "号牌号码:STRING:10;车辆品牌:STRING:50;整车编码:STRING:30;所有人:STRING:100:personal;登记日期:DATE", UpdateFrequency.DAILY, "交通"),
            spec("校车驾驶资格信息", Profile.PERSONAL, "06", "010", "校车驾驶人驾驶资格的申请和审核信息",
                    TRAFFIC, "驾驶证号:STRING:18:personal:sensitive;" + NAME + ";服务学校:STRING:100;资格有效期至:DATE", UpdateFrequency.MONTHLY, "交通"),
            spec("校车标牌核发信息", Profile.LICENCE, "06", "011", "校车标牌的核发、变更和收回信息",
                    TRAFFIC, "标牌编号:STRING:20;号牌号码:STRING:10;服务学校:STRING:100;行驶线路:STRING:500;有效期至:DATE", UpdateFrequency.MONTHLY, "交通"),
            spec("剧毒化学品道路运输通行证信息", Profile.LICENCE, "06", "012", "剧毒化学品道路运输通行证的核发信息",
                    TRAFFIC, "通行证编号:STRING:30;运输单位:STRING:100;品名:STRING:100;运输路线:STRING:500;有效期至:DATE", UpdateFrequency.DAILY, "危险物品"),
            spec("道路交通流量统计信息", Profile.STATISTICS, "02", "001", "主要道路和路口按小时汇总的机动车流量",
                    TRAFFIC, "路段名称:STRING:100;统计时段:DATETIME;机动车流量:INTEGER;平均车速:DECIMAL", UpdateFrequency.DAILY, "交通"),
            spec("交通违法高发路段信息", Profile.STATISTICS, "02", "002", "按月统计的交通违法高发路段及主要违法类型",
                    TRAFFIC, "路段名称:STRING:100;统计月份:STRING:7;违法起数:INTEGER;主要违法类型:STRING:100", UpdateFrequency.MONTHLY, "交通"),
            spec("交通信号灯点位信息", Profile.PLACES, "02", "003", "全市交通信号灯的点位、类型和控制方式",
                    TRAFFIC, "点位编号:STRING:20;路口名称:STRING:100;经度:DECIMAL;纬度:DECIMAL;控制方式:STRING:20", UpdateFrequency.QUARTERLY, "交通"),
            spec("公共停车场备案信息", Profile.PLACES, "02", "004", "经营性公共停车场的备案、位置和泊位数",
                    TRAFFIC, "停车场名称:STRING:100;地址:STRING:200;经度:DECIMAL;纬度:DECIMAL;泊位数:INTEGER", UpdateFrequency.MONTHLY, "交通"),
            spec("旅馆业特种行业许可信息", Profile.LICENCE, "07", "001", "旅馆业特种行业许可证的核发、变更和注销信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;单位名称:STRING:100;统一社会信用代码:STRING:18;经营地址:STRING:200;发证日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("典当业特种行业许可信息", Profile.LICENCE, "07", "002", "典当业特种行业许可证的核发信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;单位名称:STRING:100;统一社会信用代码:STRING:18;经营地址:STRING:200;发证日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("公章刻制业特种行业许可信息", Profile.LICENCE, "07", "003", "公章刻制业特种行业许可证的核发信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;单位名称:STRING:100;统一社会信用代码:STRING:18;经营地址:STRING:200;发证日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("印章刻制备案信息", Profile.LICENCE, "07", "004", "单位印章刻制的备案信息，含印章类型和刻制单位",
                    PUBLIC_ORDER, "备案编号:STRING:30;用章单位:STRING:100;统一社会信用代码:STRING:18;印章类型:STRING:20;刻制单位:STRING:100;备案日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("保安服务公司许可信息", Profile.LICENCE, "07", "005", "保安服务公司设立许可和变更信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;单位名称:STRING:100;统一社会信用代码:STRING:18;法定代表人:STRING:50:personal;发证日期:DATE", UpdateFrequency.MONTHLY, "治安"),
            spec("大型群众性活动安全许可信息", Profile.LICENCE, "07", "006", "大型群众性活动的安全许可申请和决定信息",
                    PUBLIC_ORDER, "许可编号:STRING:30;活动名称:STRING:200;承办单位:STRING:100;活动地点:STRING:200;活动日期:DATE;预计人数:INTEGER", UpdateFrequency.DAILY, "治安"),
            spec("烟花爆竹道路运输许可信息", Profile.LICENCE, "07", "007", "烟花爆竹道路运输许可证的核发信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;运输单位:STRING:100;运输数量:DECIMAL;运输路线:STRING:500;有效期至:DATE", UpdateFrequency.DAILY, "危险物品"),
            spec("民用爆炸物品购买许可信息", Profile.LICENCE, "07", "008", "民用爆炸物品购买许可证的核发信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;购买单位:STRING:100;品种:STRING:100;数量:DECIMAL;有效期至:DATE", UpdateFrequency.DAILY, "危险物品"),
            spec("剧毒化学品购买许可信息", Profile.LICENCE, "07", "009", "剧毒化学品购买许可证的核发信息",
                    PUBLIC_ORDER, "许可证编号:STRING:30;购买单位:STRING:100;品名:STRING:100;数量:DECIMAL;用途:STRING:200", UpdateFrequency.DAILY, "危险物品"),
            spec("娱乐场所治安备案信息", Profile.LICENCE, "07", "010", "歌舞、游艺等娱乐场所的治安管理备案信息",
                    PUBLIC_ORDER, "备案编号:STRING:30;场所名称:STRING:100;统一社会信用代码:STRING:18;场所地址:STRING:200;备案日期:DATE", UpdateFrequency.MONTHLY, "治安"),
            spec("养犬登记信息", Profile.PERSONAL, "07", "011", "城市养犬登记、年检和注销信息",
                    PUBLIC_ORDER, "登记证号:STRING:30;犬主:STRING:50:personal;" + ID + ";犬只品种:STRING:50;免疫日期:DATE;登记日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("无犯罪记录证明开具信息", Profile.PERSONAL, "07", "012", "为个人开具无犯罪记录证明的记录",
                    PUBLIC_ORDER, "证明编号:STRING:30;" + ID + ";" + NAME + ";用途:STRING:100;开具日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("治安管理处罚决定信息", Profile.PERSONAL, "07", "013", "依据治安管理处罚法作出的处罚决定信息",
                    PUBLIC_ORDER, "决定书文号:STRING:50;被处罚人:STRING:50:personal:sensitive;违法事实:STRING:1000:sensitive;处罚种类:STRING:50;决定日期:DATE", UpdateFrequency.DAILY, "治安"),
            spec("网络安全等级保护备案信息", Profile.LICENCE, "07", "014", "信息系统网络安全等级保护定级备案信息",
                    "网络安全保卫管理系统", "备案编号:STRING:30;运营使用单位:STRING:100;系统名称:STRING:200;安全保护等级:INTEGER;备案日期:DATE", UpdateFrequency.MONTHLY, "网络安全"),
            spec("公务用枪持枪证件信息", Profile.RESTRICTED, "08", "001", "配备公务用枪人员的持枪证件核发和收回信息",
                    "枪支管理信息系统", "持枪证号:STRING:30:sensitive;" + ID + ";" + NAME + ";配枪单位:STRING:100;核发日期:DATE", UpdateFrequency.MONTHLY, "枪支管理"),
            spec("民用枪支配置许可信息", Profile.RESTRICTED, "08", "002", "民用枪支配置许可和持枪证件信息",
                    "枪支管理信息系统", "许可编号:STRING:30:sensitive;配置单位:STRING:100;枪支类型:STRING:50;数量:INTEGER;许可日期:DATE", UpdateFrequency.MONTHLY, "枪支管理"),
            spec("违法犯罪人员信息", Profile.RESTRICTED, "08", "003", "违法犯罪人员的身份和案件关联信息",
                    "警务综合信息系统", ID + ";" + NAME + ";案件编号:STRING:30:sensitive;涉案类别:STRING:50:sensitive;登记日期:DATE", UpdateFrequency.REAL_TIME, "刑事"),
            spec("户籍人口统计信息", Profile.STATISTICS, "02", "005", "按区、街道和年龄段汇总的户籍人口数量",
                    HOUSEHOLD, "行政区划代码:STRING:12;统计年度:STRING:4;年龄段:STRING:10;男性人数:INTEGER;女性人数:INTEGER", UpdateFrequency.ANNUAL, "人口"),
            spec("出入境人员统计信息", Profile.STATISTICS, "02", "006", "按月汇总的经南京口岸出入境人员数量",
                    EXIT_ENTRY, "统计月份:STRING:7;出境人次:INTEGER;入境人次:INTEGER;境外人员入境人次:INTEGER", UpdateFrequency.MONTHLY, "出入境"),
            spec("机动车和驾驶人保有量统计信息", Profile.STATISTICS, "02", "007", "按月汇总的机动车保有量和驾驶人数量",
                    TRAFFIC, "统计月份:STRING:7;机动车保有量:INTEGER;新能源汽车保有量:INTEGER;驾驶人数量:INTEGER", UpdateFrequency.MONTHLY, "交通"),
            spec("户政业务办理网点信息", Profile.PLACES, "02", "008", "派出所户籍窗口和自助办证点的地址、电话和办公时间",
                    HOUSEHOLD, "网点名称:STRING:100;地址:STRING:200;联系电话:STRING:20;办公时间:STRING:100;经度:DECIMAL;纬度:DECIMAL", UpdateFrequency.IRREGULAR, "户籍"));

    private PsbCatalogSample() {
    }

    private static Spec spec(String name, Profile profile, String classCode, String itemCode, String summary, String system,
                             String items, UpdateFrequency frequency, String topic) {
        return new Spec(name, profile, classCode, itemCode, summary, system, items, frequency, topic);
    }

    /** The fifty entries, in file order. */
    public static List<EntryContent> entries() {
        return SPECS.stream().map(PsbCatalogSample::content).toList();
    }

    /** The same entries for another department (a test's own, so it sees only its own entries in exports). */
    public static List<EntryContent> entries(String department) {
        return entries().stream().map(c -> withDepartment(c, department)).toList();
    }

    static EntryContent withDepartment(EntryContent c, String department) {
        return new EntryContent(c.name(), c.summary(), c.category(), c.classCode(), c.itemCode(), c.basicKind(), department,
                c.sourceSystem(), c.collectingDepartment() == null ? null : department, c.approvingDepartment(),
                c.providingDepartment(), c.formats(), c.form(), c.dataItems(), c.dictionary(), c.shareType(),
                c.shareConditions(), c.shareScope(), c.shareReason(), c.shareLegalBasis(), c.shareMethods(), c.openType(),
                c.openConditions(), c.openReason(), c.openLegalBasis(), c.obtainedBySharing(), c.updateFrequency(), c.topic(),
                c.industry(), c.region(), c.grade());
    }

    private static EntryContent content(Spec s) {
        var items = DataItemsCell.parse(s.items());
        if (!items.errors().isEmpty()) {
            throw new IllegalStateException(s.name() + ": " + items.errors());
        }
        var dataItems = items.items().stream().map(i -> new EntryContent.DataItem(i.name(), i.type(), i.length(),
                i.description(), i.personal(), i.sensitive())).toList();
        var dictionary = new EntryContent.Dictionary(s.name() + "数据字典", null,
                s.profile() == Profile.BASIC ? "GB 11643" : "GA/T 543 公安数据元");
        String personalOpenReason = "含公民个人信息，开放将侵犯个人隐私";
        String personalOpenBasis = "《中华人民共和国个人信息保护法》第二十八条；《南京市政务数据管理暂行办法》第二十四条";
        return switch (s.profile()) {
            case BASIC -> new EntryContent(s.name(), s.summary(), ResourceCategory.BASIC, s.classCode(), s.itemCode(),
                    BasicResourceKind.POPULATION, DEPARTMENT, s.system(), DEPARTMENT, null, null,
                    List.of(DataFormat.DATABASE, DataFormat.JSON), DataForm.STRUCTURED, dataItems, dictionary,
                    ShareType.UNCONDITIONAL, null, null, null, null, List.of(ShareMethod.API, ShareMethod.DATABASE_TABLE),
                    OpenType.NOT_OPEN, null, personalOpenReason, personalOpenBasis, false, s.frequency(), s.topic(), "公共安全",
                    "320100", DataGrade.IMPORTANT);
            case PERSONAL -> new EntryContent(s.name(), s.summary(), ResourceCategory.DEPARTMENTAL, s.classCode(), s.itemCode(),
                    null, DEPARTMENT, s.system(), null, null, null, List.of(DataFormat.DATABASE, DataFormat.JSON),
                    DataForm.STRUCTURED, dataItems, dictionary, ShareType.CONDITIONAL,
                    "仅限依法履行职责需要使用，经数源部门审核同意，按最少够用原则授权信息项", "市、区两级政务部门",
                    "含公民个人信息，须限定使用目的和范围", "《中华人民共和国个人信息保护法》第十三条、第三十四条",
                    List.of(ShareMethod.API), OpenType.NOT_OPEN, null, personalOpenReason, personalOpenBasis, false,
                    s.frequency(), s.topic(), "公共安全", "320100", DataGrade.IMPORTANT);
            case LICENCE -> new EntryContent(s.name(), s.summary(), ResourceCategory.DEPARTMENTAL, s.classCode(), s.itemCode(),
                    null, DEPARTMENT, s.system(), null, DEPARTMENT, null, List.of(DataFormat.DATABASE, DataFormat.JSON),
                    DataForm.STRUCTURED, dataItems, dictionary, ShareType.UNCONDITIONAL, null, null, null, null,
                    List.of(ShareMethod.API, ShareMethod.FILE), OpenType.CONDITIONAL,
                    "经申请审核后开放，限于非商业用途，不得向第三方提供", null,
                    "《南京市政务数据管理暂行办法》第二十四条、第二十七条", false, s.frequency(), s.topic(), "公共安全",
                    "320100", DataGrade.GENERAL);
            case STATISTICS -> new EntryContent(s.name(), s.summary(), ResourceCategory.THEMATIC, s.classCode(), s.itemCode(),
                    null, DEPARTMENT, s.system(), null, null, null, List.of(DataFormat.CSV, DataFormat.XLSX, DataFormat.JSON),
                    DataForm.STRUCTURED, dataItems, dictionary, ShareType.UNCONDITIONAL, null, null, null, null,
                    List.of(ShareMethod.API, ShareMethod.FILE), OpenType.UNCONDITIONAL, null, null, null, false,
                    s.frequency(), s.topic(), "公共安全", "320100", DataGrade.GENERAL);
            case PLACES -> new EntryContent(s.name(), s.summary(), ResourceCategory.THEMATIC, s.classCode(), s.itemCode(),
                    null, DEPARTMENT, s.system(), null, null, null, List.of(DataFormat.JSON, DataFormat.CSV),
                    DataForm.STRUCTURED, dataItems, dictionary, ShareType.UNCONDITIONAL, null, null, null, null,
                    List.of(ShareMethod.API, ShareMethod.FILE), OpenType.UNCONDITIONAL, null, null, null, false,
                    s.frequency(), s.topic(), "公共安全", "320100", DataGrade.GENERAL);
            case RESTRICTED -> new EntryContent(s.name(), s.summary(), ResourceCategory.DEPARTMENTAL, s.classCode(), s.itemCode(),
                    null, DEPARTMENT, s.system(), null, null, null, List.of(DataFormat.DATABASE), DataForm.STRUCTURED,
                    dataItems, dictionary, ShareType.NOT_SHARED, null, null, "涉及公共安全和国家秘密，仅限公安机关内部使用",
                    "《中华人民共和国枪支管理法》；《中华人民共和国保守国家秘密法》第九条", List.of(), OpenType.NOT_OPEN,
                    null, "涉及公共安全和国家秘密", "《中华人民共和国保守国家秘密法》第九条", false, s.frequency(),
                    s.topic(), "公共安全", "320100", DataGrade.CORE);
        };
    }

    static byte[] xlsx(List<EntryContent> contents) {
        return write(SpreadsheetFormat.XLSX, contents);
    }

    static byte[] csv(List<EntryContent> contents) {
        return write(SpreadsheetFormat.CSV, contents);
    }

    static byte[] write(SpreadsheetFormat format, List<EntryContent> contents) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Stream<List<String>> rows = contents.stream().map(EntryRows::cells);
            switch (format) {
                case XLSX -> XlsxTable.write(out, rows.iterator(), 5000, "10 MB");
                case CSV -> CsvTable.write(out, TemplateHeader.labels(), rows.iterator());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the demo file; run from the catalog-service directory. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : DEMO_FILE);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, xlsx(entries()));
        System.out.println("Wrote " + entries().size() + " entries to " + target.toAbsolutePath());
    }
}
