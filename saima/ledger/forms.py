from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from saima.accounts import access
from saima.regions.models import Region

from .mapping import field_choices
from .models import ImportJob

MAX_UPLOAD_MB = 100
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


def import_regions(user):
    """Regions in which the user may import: for the region select."""
    codes = [r.code for r in access.visible_regions(user)]
    regions = Region.objects.filter(code__in=codes).order_by("code")
    return [r for r in regions if access.can(user, "import_ledger", region=r)]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("台账文件"), help_text=_("Excel（.xlsx）或CSV（UTF-8、GB18030）")
    )
    region = forms.ChoiceField(
        label=_("区划"),
        required=False,
        help_text=_("文件中没有“所在区划”列时，项目归入此区划；有此列时，只接受此区划内的行"),
    )
    year = forms.IntegerField(
        label=_("年度"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("年度计划所属年度；不填时从表头或标题读取（如“2022年度计划”）"),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.regions = {r.code: r for r in import_regions(user)}
        self.fields["region"].choices = [("", _("（按文件）"))] + [
            (code, r.name) for code, r in self.regions.items()
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("只能上传 .xlsx 或 .csv 文件"))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过%(n)sMB") % {"n": MAX_UPLOAD_MB})
        return upload

    def save(self) -> ImportJob:
        upload = self.cleaned_data["file"]
        return ImportJob.objects.create(
            user=self.user,
            file=upload,
            original_name=upload.name[:255],
            region=self.regions.get(self.cleaned_data.get("region") or ""),
            year=self.cleaned_data.get("year"),
        )


class MappingForm(forms.Form):
    """One select per column of the file: which field it feeds, or ignore it."""

    def __init__(self, columns, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = [c for c in columns if c["top"] or c["bottom"]]
        for column in self.columns:
            self.fields[f"col_{column['index']}"] = forms.ChoiceField(
                label=column["top"] + (" / " + column["bottom"] if column["bottom"] else ""),
                choices=field_choices(),
                required=False,
                initial=column["key"] or "",
            )

    def overrides(self) -> dict:
        return {
            str(c["index"]): self.cleaned_data.get(f"col_{c['index']}") or "" for c in self.columns
        }

    def rows(self):
        for column in self.columns:
            yield column, self[f"col_{column['index']}"]
