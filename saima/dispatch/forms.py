from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Rhythm


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotoField(forms.FileField):
    """Several photos in one input; the checks on content happen in `photos.process_photo`."""

    widget = MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(PhotoField, self).clean(f, initial) for f in files]


class FilingForm(forms.Form):
    amount_wan = forms.DecimalField(
        label=_("本期完成投资（万元）"),
        min_value=0,
        max_digits=18,
        decimal_places=4,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
        error_messages={"min_value": _("本期完成投资不能为负数")},
    )
    progress = forms.CharField(
        label=_("形象进度"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(
        label=_("下步计划"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photos = PhotoField(label=_("现场照片"), required=False)
    confirm_amount = forms.BooleanField(
        label=_("确认金额无误（超过项目剩余投资时需要确认）"), required=False
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("退回原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectionForm(FilingForm):
    reason = forms.CharField(label=_("更正原因"), max_length=2000)

    field_order = ["amount_wan", "progress", "next_steps", "reason", "confirm_amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"]


class RhythmForm(forms.Form):
    region = forms.CharField(label=_("区划代码"), max_length=12)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    rhythm = forms.ChoiceField(label=_("填报频次"), choices=Rhythm.choices, initial=Rhythm.MONTHLY)
