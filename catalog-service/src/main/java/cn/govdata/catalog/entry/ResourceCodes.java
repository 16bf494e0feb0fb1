package cn.govdata.catalog.entry;

/**
 * The resource coding scheme (NT 7: 目录编码规范), after the national 政务信息资源目录编制指南:
 * {@code <category:1><class:2><item:3>-<department code>-<sequence:6>}, e.g.
 * {@code 101001-PSB-000001} = basic resource (1), class 01, item 001, public security bureau, first
 * entry. The sequence is per department and never reused, so a code is unique and permanent.
 */
final class ResourceCodes {

    private ResourceCodes() {
    }

    static String format(EntryContent content, long sequence) {
        return "%d%s%s-%s-%06d".formatted(content.category().digit, content.classCode(), content.itemCode(),
                content.providerDepartment(), sequence);
    }
}
