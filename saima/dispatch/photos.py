"""Site photos: only real JPEG, PNG or WebP images within the size limit are kept, and they
are re-encoded (turned upright, resized, all metadata such as EXIF/GPS dropped) before they
are stored under a random name."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 60_000_000  # decoding more would take hundreds of MB of memory
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def process_photo(upload) -> tuple[ContentFile, str, int, int]:
    """Validate and re-encode an uploaded file; return (content, content type, width, height).
    Raises ValidationError({"photos": …}) naming the file and the rule it breaks."""
    name = getattr(upload, "name", "") or _("照片")
    limit_mb = settings.DISPATCH_PHOTO_MAX_MB
    if upload.size > limit_mb * 1024 * 1024:
        raise ValidationError(
            {"photos": _("%(name)s：照片不能超过%(mb)sMB") % {"name": name, "mb": limit_mb}}
        )
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()
        if width * height > MAX_PIXELS:
            raise ValidationError(
                {"photos": _("%(name)s：图片像素过多（超过6000万像素）") % {"name": name}}
            )
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            {"photos": _("%(name)s：不是有效的图片文件") % {"name": name}}
        ) from None
    if kind not in FORMATS:
        raise ValidationError(
            {"photos": _("%(name)s：只接受JPEG、PNG或WebP格式的照片") % {"name": name}}
        )
    image = ImageOps.exif_transpose(image)
    image.info = {}  # nothing of the original metadata (EXIF, XMP, comments) is written back
    edge = settings.DISPATCH_PHOTO_MAX_PX
    image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return ContentFile(out.getvalue()), FORMATS[kind], image.width, image.height
