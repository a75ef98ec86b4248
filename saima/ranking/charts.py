"""Charts for the .docx briefing, drawn with matplotlib in an openly licensed CJK font (Noto
Sans CJK SC, SIL OFL; Debian package fonts-noto-cjk). The font file comes from the
BRIEFING_FONT setting or fontconfig; without one, drawing fails with a clear message rather
than printing empty boxes."""

import io
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FAMILY = "Noto Sans CJK SC"
KNOWN_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
]
MISSING = (
    "未找到中文字体 Noto Sans CJK SC，无法绘制简报图表。请安装 fonts-noto-cjk"
    "（apt-get install fonts-noto-cjk），或用环境变量 BRIEFING_FONT 指定字体文件路径。"
)


def font_path() -> Path:
    if settings.BRIEFING_FONT:
        path = Path(settings.BRIEFING_FONT)
        if not path.is_file():
            raise ImproperlyConfigured(f"{MISSING}（BRIEFING_FONT={path} 不存在）")
        return path
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"{FAMILY}:lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and "CJK" in found and Path(found).is_file():
            return Path(found)
    for candidate in KNOWN_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    raise ImproperlyConfigured(MISSING)


@cache
def _setup(path: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    names = {f.name for f in font_manager.fontManager.ttflist if f.fname == path}
    family = FAMILY if FAMILY in names else next(iter(sorted(names)), None)
    if family is None:
        raise ImproperlyConfigured(MISSING)
    return family


def _figure(width=6.0, height=3.2):
    family = _setup(str(font_path()))
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [family]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(width, height), dpi=150)
    ax.spines[["top", "right"]].set_visible(False)
    return plt, fig, ax


def _png(plt, fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def bar_chart(
    title: str,
    labels: list[str],
    values: list[Decimal | None],
    texts: list[str],
    reference: Decimal | None = None,
    reference_label: str = "",
) -> bytes:
    """Bars with their displayed value on top, and an optional reference line (时间进度)."""
    plt, fig, ax = _figure()
    heights = [float(v) if v is not None else 0.0 for v in values]
    bars = ax.bar(labels, heights, color="#c23531")
    for bar, text in zip(bars, texts, strict=True):
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    if reference is not None:
        ax.axhline(float(reference), color="#2f4554", linestyle="--", linewidth=1)
        ax.annotate(
            reference_label,
            (len(labels) - 0.5, float(reference)),
            ha="right",
            va="bottom",
            fontsize=8,
            color="#2f4554",
        )
    ax.set_title(title, fontsize=11)
    ax.set_ylabel("%")
    ax.tick_params(axis="x", labelsize=8, rotation=30 if len(labels) > 5 else 0)
    return _png(plt, fig)
