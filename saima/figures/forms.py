from django import forms
from django.utils.translation import gettext_lazy as _

from saima.projects.forms import DateInput


class OverviewForm(forms.Form):
    """The query of the region overview: year, as-of date and the size threshold."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    as_of = forms.DateField(label=_("截至"), required=False, widget=DateInput())
    min_total_wan = forms.TypedChoiceField(
        label=_("项目范围"),
        choices=[("", _("全部项目")), ("5000", _("5000万元以上"))],
        coerce=int,
        empty_value=None,
        required=False,
    )
