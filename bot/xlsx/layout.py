"""The 台账 workbook's shape, shared by export and import so that one reads what the other writes.

One sheet per kind (会议, 文件, 督查检查考核, 材料报送), each with a title row, a subtitle row (period,
口径, time of export), Chinese headers and 序号; a 汇总 sheet; 已撤销 (voided entries, kept apart so
that no reader adds them up); a 双台账比对 sheet; a 基数 sheet for baselines. Columns carry a header per
kind; import also accepts the aliases listed. The import template (`export-xlsx --template`) has the
entry sheets and 基数 with the importable columns only, and a 填写说明 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.labels import ACTIVITY

SHEETS = {"meeting": "会议", "document": "文件", "inspection": "督查检查考核", "report": "材料报送"}
SUMMARY_SHEET = "汇总"
VOIDED_SHEET = "已撤销"
GUIDE_SHEET = "填写说明"
COMPARISON_SHEET = "双台账比对"
BASELINE_SHEET = "基数"
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = 4

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

ALL = ("meeting", "document", "inspection", "report")
ON_SITE = ("meeting", "inspection")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    kinds: tuple[str, ...] = ALL  # sheets that show the column even when it is empty everywhere
    per_kind: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    number_format: str | None = None
    wrap: bool = False
    hidden: bool = False

    def header_for(self, kind: str) -> str:
        return self.per_kind.get(kind, self.header)

    def names(self) -> set[str]:
        return {self.header, *self.per_kind.values(), *self.aliases}


COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", 6),
    Column("unit", "单位", 14, aliases=("单位名称", "填报单位")),
    Column("activity", "类别", 16, aliases=("事项类别", "类型")),
    Column("subtype", "细类", 10, aliases=("子类", "发文机关类别")),
    Column("occurs_on", "日期", 12, number_format=DATE_FORMAT, aliases=("时间（日期）", "发生日期")),
    Column("time", "时间", 8, ON_SITE, number_format=TIME_FORMAT, aliases=("开始时间",)),
    Column("title", "名称/事由", 36, per_kind={"meeting": "会议名称", "document": "文件标题",
                                            "inspection": "事项名称", "report": "材料名称"},
           aliases=("名称", "事由", "标题"), wrap=True),
    Column("doc_number", "文号", 22, ("document",), aliases=("发文字号", "发文号", "文件编号", "文件字号")),
    Column("location", "地点", 16, ON_SITE, aliases=("会议地点",)),
    Column("duration_minutes", "时长（分钟）", 10, ON_SITE, aliases=("时长",)),
    Column("quantity", "数量", 8, per_kind={"meeting": "次数", "document": "件数", "inspection": "次数",
                                          "report": "份数"}),
    Column("attendees_count", "涉及单位数", 10, ("meeting", "inspection", "report"),
           per_kind={"meeting": "参会单位数"}),
    Column("attendees_scope", "涉及范围", 14, ("meeting", "inspection", "report"),
           per_kind={"meeting": "参会范围"}),
    Column("attendees_text", "涉及人员", 20, (), per_kind={"meeting": "参会人员"}, wrap=True),
    Column("scale", "规模（人）", 10, ("meeting",), aliases=("参会人数", "人数")),
    Column("counterpart", "对方单位", 16, ALL,
           per_kind={"meeting": "主办单位", "document": "来文/主送单位", "inspection": "督查单位/对象",
                     "report": "报送/要求单位"}),
    Column("status", "状态", 10),
    Column("filing_required", "需报备", 8, ()),
    Column("decision_note", "审批意见", 20, (), wrap=True),
    Column("archive_note", "备案说明", 20, (), wrap=True),
    Column("in_scope", "统计口径", 10, aliases=("是否计入统计",)),
    Column("scope_reason", "口径说明", 30, wrap=True),
    Column("flags", "规则提示", 30, (), wrap=True),
    Column("created_by", "录入人", 10),
    Column("created_at", "录入时间", 19, number_format=DATETIME_FORMAT),
    Column("raw_text", "原始记录", 30, (), wrap=True, aliases=("原始消息",)),
    Column("entry_id", "台账编号", 10),
    Column("voided_by", "撤销人", 10, ()),
    Column("voided_at", "撤销时间", 19, (), number_format=DATETIME_FORMAT),
    # The rule warnings as data, so that an import restores them exactly; hidden from readers.
    Column("flags_data", "规则提示数据", 10, (), hidden=True),
)
BY_KEY = {c.key: c for c in COLUMNS}
# What an import reads (bot.xlsx.importer); the rest is the export's own: 统计口径 is decided by this
# deployment's counting rules, 台账编号 is given anew, 规则提示 is re-derived or read from its data column.
TEMPLATE_KEYS = ("seq", "unit", "activity", "subtype", "occurs_on", "time", "title", "doc_number", "location",
                 "duration_minutes", "quantity", "attendees_count", "attendees_scope", "attendees_text", "scale",
                 "counterpart", "status", "filing_required", "decision_note", "archive_note", "created_by",
                 "created_at", "raw_text")
HEADER_TO_KEY = {name: c.key for c in COLUMNS for name in c.names()}

# Activity words accepted in 类别 → (kind, direction); the export writes ACTIVITY's names.
ACTIVITY_WORDS: dict[str, tuple[str, str]] = {name: pair for pair, name in ACTIVITY.items()}
ACTIVITY_WORDS.update({
    "召开": ("meeting", "outgoing"), "开会": ("meeting", "outgoing"), "组织会议": ("meeting", "outgoing"),
    "参加会议": ("meeting", "incoming"), "参会": ("meeting", "incoming"), "参加": ("meeting", "incoming"),
    "印发": ("document", "outgoing"), "下发": ("document", "outgoing"), "本级发文": ("document", "outgoing"),
    "收文": ("document", "incoming"), "来文": ("document", "incoming"),
    "开展督查": ("inspection", "outgoing"), "开展检查": ("inspection", "outgoing"),
    "开展督导": ("inspection", "outgoing"), "开展督查督导": ("inspection", "outgoing"),
    "接受督查": ("inspection", "incoming"), "接受检查": ("inspection", "incoming"),
    "接受考核": ("inspection", "incoming"), "接受上级督查": ("inspection", "incoming"),
    "迎检": ("inspection", "incoming"),
    "要求上报材料": ("report", "outgoing"), "要求辖区单位上报": ("report", "outgoing"),
    "报送材料": ("report", "incoming"), "上报": ("report", "incoming"), "报送": ("report", "incoming"),
})

BASELINE_COLUMNS = (("seq", "序号", 6), ("unit", "单位", 16), ("activity", "类别", 16),
                    ("subtype", "细类", 12), ("year", "年份", 8), ("month", "月份", 8), ("count", "数量", 10))
BASELINE_HEADERS = {header: key for key, header, _ in BASELINE_COLUMNS}
BASELINE_HEADERS.update({"件数": "count", "次数": "count", "份数": "count", "年度": "year", "月": "month"})
