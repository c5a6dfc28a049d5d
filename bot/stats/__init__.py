"""Statistics of the ledger: counts with 同比/环比, rankings, the counting rules (统计口径), the dual
ledger (双台账比对) and the 汇报 paragraphs of seed 000 §二 / seed 002.

Every figure is a sum of `Entry.quantity` over live (not voided) entries. "统计台账" figures count only
in-scope entries (`Entry.in_scope`, set from config/counting_rules.yaml); "日常台账" figures count all.
"""
