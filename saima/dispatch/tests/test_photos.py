import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from saima.dispatch import services
from saima.dispatch.models import Filing, FilingPhoto

from .conftest import image_upload, period

DATA = {"amount_wan": "10", "progress": "施工"}


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (41.0, 43.0, 0.0)}  # GPS
    return exif


def test_it_resizes_strips_exif_and_stores_under_a_random_name(plan):
    filing = services.save_draft(
        plan.project,
        period(plan, 3),
        DATA,
        plan.secretary,
        "web",
        photos=[image_upload("../../etc/passwd.jpg", exif=exif_with_gps())],
    )
    photo = filing.photos.get()
    assert (photo.width, photo.height, photo.content_type) == (1600, 800, "image/jpeg")
    assert photo.image.name.startswith("dispatch/photos/") and "passwd" not in photo.image.name
    with photo.image.open("rb") as f, Image.open(f) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
        assert max(stored.size) == 1600


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_it_keeps_png_and_webp(plan, fmt):
    filing = services.save_draft(
        plan.project,
        period(plan, 3),
        DATA,
        plan.secretary,
        "web",
        photos=[image_upload("a." + fmt.lower(), fmt, size=(300, 200))],
    )
    assert filing.photos.get().content_type == f"image/{fmt.lower()}"


def test_it_rejects_a_file_that_is_not_an_image_and_saves_nothing(plan):
    fake = SimpleUploadedFile("site.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    with pytest.raises(ValidationError, match="site.jpg：不是有效的图片文件"):
        services.save_draft(
            plan.project, period(plan, 3), DATA, plan.secretary, "web", photos=[fake]
        )
    assert not Filing.objects.exists() and not FilingPhoto.objects.exists()


def test_it_rejects_other_image_types(plan):
    with pytest.raises(ValidationError, match="只接受JPEG、PNG或WebP"):
        services.save_draft(
            plan.project,
            period(plan, 3),
            DATA,
            plan.secretary,
            "web",
            photos=[image_upload("a.gif", "GIF")],
        )


def test_it_rejects_a_photo_too_large(plan, settings):
    settings.DISPATCH_PHOTO_MAX_MB = 1
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (1024 * 1024 + 1), "image/jpeg")
    with pytest.raises(ValidationError, match="big.jpg：照片不能超过1MB"):
        services.save_draft(
            plan.project, period(plan, 3), DATA, plan.secretary, "web", photos=[big]
        )
    assert not Filing.objects.exists()


def test_it_limits_the_number_of_photos(plan, settings):
    settings.DISPATCH_PHOTOS_PER_FILING = 2
    photos = [image_upload(size=(10, 10)) for _ in range(3)]
    with pytest.raises(ValidationError, match="最多2张"):
        services.save_draft(
            plan.project, period(plan, 3), DATA, plan.secretary, "web", photos=photos
        )


def test_photos_cannot_be_added_after_submission(plan):
    filing = services.save_draft(plan.project, period(plan, 3), DATA, plan.secretary, "web")
    services.submit(filing, plan.secretary, "web")
    with pytest.raises(ValidationError, match="不能再添加照片"):
        services.upload_photos(filing, [image_upload(size=(10, 10))], plan.secretary, "api")


def test_a_truncated_image_is_refused(plan):
    out = io.BytesIO()
    Image.new("RGB", (200, 200), "red").save(out, "PNG")
    broken = SimpleUploadedFile("cut.png", out.getvalue()[:60], "image/png")
    with pytest.raises(ValidationError, match="不是有效的图片文件"):
        services.save_draft(
            plan.project, period(plan, 3), DATA, plan.secretary, "web", photos=[broken]
        )


def test_it_refuses_an_image_with_too_many_pixels(plan, monkeypatch):
    from saima.dispatch import photos

    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError, match="像素过多"):
        services.save_draft(
            plan.project,
            period(plan, 3),
            DATA,
            plan.secretary,
            "web",
            photos=[image_upload(size=(20, 20))],
        )


def test_a_refused_filing_leaves_no_photo_file_behind(plan, settings):
    with pytest.raises(ValidationError, match="形象进度"):
        services.file_filing(
            plan.project,
            period(plan, 3),
            {"amount_wan": "1"},
            plan.secretary,
            "web",
            photos=[image_upload(size=(30, 30))],
            submit_now=True,
        )
    assert not FilingPhoto.objects.exists()
    photo_dir = settings.MEDIA_ROOT / "dispatch" / "photos"
    assert not photo_dir.exists() or not any(photo_dir.iterdir())
