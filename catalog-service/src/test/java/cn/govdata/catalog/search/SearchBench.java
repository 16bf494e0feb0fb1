package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.platform.security.Caller;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Loads synthetic catalog entries into a {@link SearchIndex} and measures searches, the way the
 * service runs them minus HTTP. Not a test: run {@code catalog-service/bench/search-bench.sh}.
 * Arguments: number of entries (default 100000), measured queries per scenario (default 3000).
 */
public final class SearchBench {

    static final String[] DEPARTMENTS = {"AMR", "PSB", "HRSS", "TAX", "EDU", "HEALTH", "NHSA", "HOUSING", "NR", "ECO",
            "TRANSPORT", "WATER", "AGRI", "COMMERCE", "CULTURE", "EMERGENCY", "AUDIT", "STATS", "CIVIL", "JUSTICE",
            "FINANCE", "DRC", "IIT", "SCI", "ETHNIC", "VETERANS", "FOREST", "GRAIN", "SPORT", "TOURISM", "MEDICAL",
            "CUSTOMS", "FIRE", "WEATHER", "POST", "TOBACCO", "COURT", "PROC", "CREDIT", "BDB"};
    static final String[] SUBJECTS = {"企业", "个体工商户", "农民专业合作社", "居民", "户籍人口", "流动人口", "机动车", "驾驶人",
            "房屋", "不动产", "土地", "学校", "医疗机构", "药品", "食品", "特种设备", "社会保险", "住房公积金", "医疗保险", "纳税人",
            "增值税发票", "城市道路", "桥梁", "河道", "水质", "空气质量", "噪声", "建筑工程", "招标投标", "政府采购", "社会组织",
            "养老机构", "退役军人", "残疾人", "低保家庭", "婚姻", "殡葬", "律师", "公证", "法律援助", "文物", "旅游景区", "体育场馆",
            "气象站点", "森林资源", "粮食储备", "安全生产", "危险化学品", "消防", "网约车", "公交线路", "出租汽车", "港口", "航道"};
    static final String[] OBJECTS = {"营业执照", "许可证", "登记", "备案", "基本信息", "名录", "统计", "监测数据", "检查记录",
            "行政处罚", "信用评价", "电子证照", "缴费记录", "参保信息", "审批结果", "年度报告", "变更记录", "注销信息", "资质证书",
            "奖惩信息", "投诉举报", "地理信息", "档案", "台账", "目录", "核查结果", "预警信息", "补贴发放", "执照核验", "营业额"};
    static final String[] SUFFIXES = {"", "", "", "信息", "数据", "表", "库", "清单"};
    static final String[] ITEMS = {"统一社会信用代码", "企业名称", "法定代表人", "法定代表人身份证号码", "公民身份号码", "姓名", "性别",
            "出生日期", "民族", "住址", "联系电话", "登记机关", "成立日期", "注册资本", "经营范围", "许可证编号", "有效期起", "有效期止",
            "号牌号码", "车辆识别代号", "发证日期", "发证机关", "行政区划代码", "经度", "纬度", "监测值", "监测时间", "检查结果",
            "处罚决定书文号", "处罚金额", "处罚日期", "缴费基数", "参保状态", "参保日期", "证照编号", "证照类型", "备案编号",
            "项目名称", "项目编号", "中标金额", "采购单位", "学校名称", "学生人数", "床位数", "药品通用名", "批准文号", "设备编号",
            "检验日期", "不动产单元号", "权利人", "宗地面积", "用途", "营业执照注册号", "执照状态", "纳税人识别号", "税款所属期"};
    static final String[] PURPOSES = {"政务服务办理", "市场监管执法", "社会信用体系建设", "城市运行监测", "统计分析", "应急指挥",
            "一网通办", "精准帮扶", "风险预警", "规划编制"};
    static final String[] SYSTEMS = {"业务管理系统", "审批系统", "监测平台", "登记系统", "综合执法平台", "政务服务平台"};
    static final String[] TOPICS = {"市场监管", "人口", "法人", "交通", "教育", "卫生健康", "社会保障", "生态环境", "自然资源",
            "城乡建设", "公共安全", "信用", "财税金融", "农业农村", "文化旅游"};
    static final String[] INDUSTRIES = {"公共管理", "交通运输", "教育", "卫生", "金融", "批发零售", "制造业", "建筑业", "农林牧渔"};
    static final String[] REGIONS = {"320100", "320100", "320100", "320102", "320104", "320105", "320106", "320111",
            "320113", "320114", "320115", "320116", "320117", "320118"};

    private SearchBench() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        System.out.printf("search bench: %,d entries, %,d measured queries, %d processors, max heap %d MB, %s, load average %.1f%n",
                entries, queries, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load());

        long heapBefore = usedHeapAfterGc();
        SearchIndex index = new SearchIndex();
        Random random = new Random(20260302L);
        long generating = 0;
        long indexing = 0;
        // Generated in chunks, so the entries themselves never sit in the heap beside the index.
        for (int from = 0; from < entries; from += 5000) {
            long t0 = System.nanoTime();
            List<CatalogEntry> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(entries, from + 5000); i++) {
                chunk.add(entry(i, random));
            }
            long t1 = System.nanoTime();
            for (CatalogEntry entry : chunk) {
                index.put(entry, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(entry.hashCode() & 0xFFFFF), 1L);
            }
            generating += t1 - t0;
            indexing += System.nanoTime() - t1;
        }
        long t2 = System.nanoTime();
        index.trim();
        indexing += System.nanoTime() - t2;
        long buildMs = indexing / 1_000_000;
        long heapAfter = usedHeapAfterGc();
        System.out.printf("index build: %,d ms (%,.0f entries/s; generating the entries took another %,d ms)%n",
                buildMs, entries * 1000.0 / Math.max(1, buildMs), generating / 1_000_000);
        System.out.printf("heap used by the index: %,d MB (%,d bytes/entry)%n",
                (heapAfter - heapBefore) >> 20, (heapAfter - heapBefore) / Math.max(1, entries));

        Random q = new Random(7L);
        String[] keywords = {"营业执照", "许可证", "身份证", "监测数据", "企业 年度报告", "社会保险", "行政处罚", "电子证照", "不动产",
                "公积金", "信用"};
        Caller consumer = CatalogFixtures.consumer("HRSS");
        Caller officer = CatalogFixtures.officer("AMR");
        Caller bureau = CatalogFixtures.bureau();
        Caller[] callers = {consumer, consumer, consumer, officer, bureau};

        System.out.println();
        System.out.printf("%-62s %7s %8s %8s %8s %8s %10s%n", "scenario", "queries", "p50 ms", "p95 ms", "p99 ms", "max ms", "avg hits");
        run(index, queries, "q=营业执照&shareType=CONDITIONAL&department=AMR (consumer)",
                i -> new Query(consumer, "q=营业执照&shareType=CONDITIONAL&department=AMR"));
        run(index, queries, "q=<keyword>&shareType=<random>&department=<random> (mixed)",
                i -> new Query(callers[q.nextInt(callers.length)], "q=" + pick(q, keywords) + "&shareType="
                        + pick(q, ShareType.values()).name() + "&department=" + pick(q, DEPARTMENTS)));
        run(index, queries, "q=<keyword>&openType=<random>&topic=<random> (mixed)",
                i -> new Query(callers[q.nextInt(callers.length)], "q=" + pick(q, keywords) + "&openType="
                        + pick(q, OpenType.values()).name() + "&topic=" + pick(q, TOPICS)));
        // Heavier, rarer shapes: a third of the queries each.
        int few = Math.max(300, queries / 3);
        run(index, few, "q=证 (single character, ~70% of entries, page 3)", i -> new Query(consumer, "q=证&page=3"));
        run(index, few, "no keyword, shareType=UNCONDITIONAL, sort=name (full scan)",
                i -> new Query(consumer, "shareType=UNCONDITIONAL&sort=name"));
        run(index, few, "no keyword, no filter, sort=-publishedAt (bureau)",
                i -> new Query(bureau, "sort=-publishedAt"));
        // Other processes compete for the same cores; the figures are only as quiet as the machine was.
        System.out.printf("%nload average at the end: %.1f%n", load());
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    record Query(Caller caller, String query) {
    }

    static void run(SearchIndex index, int count, String name, Function<Integer, Query> next) {
        int warmUp = Math.max(300, count / 2);
        long hits = 0;
        for (int i = 0; i < warmUp; i++) {
            Query query = next.apply(i);
            hits += index.search(SearchRequest.parse(SearchIndexTest.params(query.query())), query.caller()).totalItems();
        }
        long[] nanos = new long[count];
        hits = 0;
        for (int i = 0; i < count; i++) {
            Query query = next.apply(i);
            long t0 = System.nanoTime();
            SearchResponse response = index.search(SearchRequest.parse(SearchIndexTest.params(query.query())), query.caller());
            nanos[i] = System.nanoTime() - t0;
            hits += response.totalItems();
        }
        Arrays.sort(nanos);
        System.out.printf("%-62s %7d %8.2f %8.2f %8.2f %8.2f %10.0f%n", name, count, ms(percentile(nanos, 50)), ms(percentile(nanos, 95)),
                ms(percentile(nanos, 99)), ms(nanos[nanos.length - 1]), hits / (double) count);
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SafeVarargs
    static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    static CatalogEntry entry(int i, Random random) {
        String department = DEPARTMENTS[Math.min(DEPARTMENTS.length - 1, (int) Math.abs(random.nextGaussian() * 10))];
        String subject = pick(random, SUBJECTS);
        String object = pick(random, OBJECTS);
        String name = subject + object + pick(random, SUFFIXES);
        String summary = "本资源记录" + subject + object + "的" + pick(random, "基本情况", "办理结果", "变更情况", "历史数据")
                + "，由" + department + "在" + pick(random, SYSTEMS) + "中采集，" + pick(random, "按日", "按月", "实时", "按季度")
                + "更新，主要用于" + pick(random, PURPOSES) + "和" + pick(random, PURPOSES) + "。";
        List<String> items = new ArrayList<>();
        int itemCount = 6 + random.nextInt(15);
        while (items.size() < itemCount) {
            String item = pick(random, ITEMS);
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        ShareType shareType = random.nextInt(10) < 6 ? ShareType.UNCONDITIONAL
                : random.nextInt(4) > 0 ? ShareType.CONDITIONAL : ShareType.NOT_SHARED;
        List<ShareMethod> methods = shareType == ShareType.NOT_SHARED ? List.of()
                : random.nextBoolean() ? List.of(ShareMethod.API) : List.of(ShareMethod.API, pick(random, ShareMethod.FILE, ShareMethod.DATABASE_TABLE));
        CatalogFixtures.Content content = CatalogFixtures.content(department, name).summary(summary)
                .items(items.toArray(String[]::new))
                .share(shareType, methods.toArray(ShareMethod[]::new))
                .open(pick(random, OpenType.values()))
                .formats(random.nextBoolean() ? new DataFormat[] {DataFormat.JSON} : new DataFormat[] {pick(random, DataFormat.values()), DataFormat.XLSX})
                .frequency(pick(random, UpdateFrequency.values()))
                .topic(pick(random, TOPICS)).industry(pick(random, INDUSTRIES)).region(pick(random, REGIONS));
        String id = "3" + String.format("%02d%03d", 1 + random.nextInt(20), 1 + random.nextInt(200)) + "-" + department + "-"
                + String.format("%06d", i);
        int kind = random.nextInt(100);
        if (kind < 85) {
            return CatalogFixtures.published(id, content.build(), Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i * 300L));
        }
        if (kind < 95) {
            return CatalogFixtures.draft(id, content);
        }
        return CatalogFixtures.changing(id, content, CatalogFixtures.content(department, name + "（修订）").summary(summary)
                .items(items.toArray(String[]::new)).share(shareType, methods.toArray(ShareMethod[]::new)));
    }
}
