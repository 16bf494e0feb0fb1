package cn.govdata.catalog.spreadsheet;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataItem;
import cn.govdata.catalog.entry.EntryContent.DataType;

import java.util.List;

/** The rules printed on the instructions sheet (and in the CSV README), and the example row. */
final class TemplateInstructions {

    private TemplateInstructions() {
    }

    static List<String> rules(int maxRows, String maxSize) {
        return List.of(
                "1. 每行一条目录，第 1 行为表头；请勿修改、删除或调换表头列。One entry per row below the header; keep the header and the column order.",
                "2. 红色表头为必填列；“条件必填”列在共享/开放类型要求时必填。Red headers are required; conditional columns follow the share/open type.",
                "3. 可选值可填英文代码或中文名称，如 CONDITIONAL 或 有条件共享。Allowed values: the code or its Chinese name.",
                "4. 多个值用英文分号 ; 分隔（也接受全角 ；），如 DATABASE;JSON。Lists are separated by ';'.",
                "5. 信息项写在一个单元格：名称:类型[:长度][:personal][:sensitive][:desc=说明]，多个信息项用 ; 分隔；"
                        + "personal = 个人信息，sensitive = 敏感信息；名称或说明中的 ; : \\ 写作 \\; \\: \\\\。"
                        + "例 e.g. 公民身份号码:STRING:18:personal:sensitive;姓名:STRING:50:personal;出生日期:DATE",
                "6. 数源部门只能填导入者本部门；采集/核准/提供部门须为已登记的部门代码。The provider department is the importer's own.",
                "7. 整个文件要么全部导入，要么一条也不导入：任何一行有错即全部退回，并逐行列出错误（行号含表头，表头为第 1 行）。"
                        + "All or nothing: any row error rejects the file, listing every row's errors (the header is row 1).",
                "8. 每个文件最多 " + maxRows + " 行、不超过 " + maxSize + "；支持 .xlsx 和 CSV（UTF-8，可带 BOM；Excel 请选“CSV UTF-8（逗号分隔）”）。"
                        + "At most " + maxRows + " rows and " + maxSize + " per file; .xlsx or CSV in UTF-8.",
                "9. 重复上传同一内容会被拒绝（409），以免重复编目；确需再次导入请提供新的 importId。"
                        + "Uploading the same content again is refused (409); pass a new importId to import it again.");
    }

    static String required(TemplateColumn column) {
        if (column.required) {
            return "是 yes";
        }
        return column.hint.contains("必填") ? "条件必填 conditional" : "否 no";
    }

    /** A complete, valid entry: what a filled-in row looks like. */
    static EntryContent example() {
        return new EntryContent("人口基本信息", "全市户籍人口和常住人口的基本信息，含出生、迁入迁出和死亡注销。",
                EntryContent.ResourceCategory.BASIC, "01", "001", EntryContent.BasicResourceKind.POPULATION, "PSB",
                "全国人口基本信息管理系统（南京）", null, null, null, List.of(DataFormat.DATABASE, DataFormat.JSON),
                EntryContent.DataForm.STRUCTURED,
                List.of(new DataItem("公民身份号码", DataType.STRING, 18, null, true, true),
                        new DataItem("姓名", DataType.STRING, 50, null, true, false),
                        new DataItem("出生日期", DataType.DATE, null, null, false, false)),
                new EntryContent.Dictionary("人口信息数据字典", null, "GB 11643"),
                EntryContent.ShareType.UNCONDITIONAL, null, null, null, null, List.of(EntryContent.ShareMethod.API),
                EntryContent.OpenType.NOT_OPEN, null, "含公民个人信息", "《中华人民共和国个人信息保护法》第二十八条", false,
                EntryContent.UpdateFrequency.DAILY, "人口", "公共管理", "320100", EntryContent.DataGrade.IMPORTANT);
    }
}
