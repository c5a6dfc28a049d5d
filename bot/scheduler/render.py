"""A digest as a title, headline lines and detail sections, rendered as markdown and plain text.

Headline numbers come first; details follow and are cut (with "…另有N项") so that the markdown stays
within one message of every registered platform where possible (the smallest `render_limits`). Only
markdown every platform shows is used: ### headings, **bold**, "- " lists, and "  \\n" line breaks
(some platforms need the two spaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.channels.registry import markdown_budget
from bot.charts import Chart
from bot.push import Push

MARKDOWN_BUDGET = 4000  # bytes, when no platform sets a limit
BREAK = "  \n"


@dataclass
class Section:
    title: str
    lines: list[str]
    hidden: int = 0  # lines left out already (beyond the configured maximum)
    full: bool = False  # never cut to the configured maximum (a bulletin's complete ranking)

    def cut(self, keep: int) -> Section:
        keep = max(0, min(keep, len(self.lines)))
        return Section(self.title, self.lines[:keep], self.hidden + len(self.lines) - keep, self.full)

    @property
    def more(self) -> str | None:
        return f"…另有{self.hidden}项" if self.hidden else None


@dataclass
class Digest:
    title: str  # the message title (where a platform shows one) and the markdown heading
    headline: list[str]  # the figures, most important first
    sections: list[Section] = field(default_factory=list)
    footer: str | None = None
    mention: list[str] = field(default_factory=list)
    quiet: bool = False  # nothing worth a push: a unit's empty period (the scheduler skips it)
    chart: Chart | None = None  # one picture of the figures, sent after the text where a group takes it

    def limited(self, max_lines: int) -> Digest:
        sections = [s if s.full else s.cut(max_lines) for s in self.sections if s.lines or s.hidden]
        return Digest(self.title, self.headline, sections, self.footer, self.mention, chart=self.chart)

    def markdown(self) -> str:
        parts = [f"### {self.title}", BREAK.join(self.headline)]
        for section in self.sections:
            block = [f"**{section.title}**"] + [f"- {line}" for line in section.lines]
            if section.more:
                block.append(section.more)
            parts.append("\n".join(block))
        if self.footer:
            parts.append(self.footer)
        return "\n\n".join(p for p in parts if p)

    def text(self) -> str:
        parts = [f"【{self.title}】", "\n".join(self.headline)]
        for section in self.sections:
            block = [f"{section.title}："] + [f"- {line}" for line in section.lines]
            if section.more:
                block.append(section.more)
            parts.append("\n".join(block))
        if self.footer:
            parts.append(self.footer)
        return "\n\n".join(p for p in parts if p)

    def fitted(self, budget: int | None = None) -> Digest:
        """Drop detail lines from the longest section until the markdown fits (headline never cut)."""
        budget = budget or markdown_budget() or MARKDOWN_BUDGET
        digest = self
        while len(digest.markdown().encode("utf-8")) > budget:
            longest = max(digest.sections, key=lambda s: len(s.lines), default=None)
            if longest is None or not longest.lines:
                break
            digest = Digest(
                digest.title, digest.headline,
                [s.cut(len(s.lines) - 1) if s is longest else s for s in digest.sections],
                digest.footer, digest.mention, chart=digest.chart,
            )
        return digest

    def push(self, max_lines: int = 8) -> Push:
        final = self.limited(max_lines).fitted()
        # A digest is sent at most once: a double in every group is noise, a lost one is seen and re-sent
        # with push-now (README: 推送的送达保证).
        return Push(title=final.title, text=final.text(), markdown=final.markdown(), mention=list(self.mention),
                    at_most_once=True, chart=self.chart.to_json() if self.chart is not None else None)
