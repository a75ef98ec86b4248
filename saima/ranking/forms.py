from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.figures.indicators import INDICATORS
from saima.regions.models import Region

from .models import Rule

RULES = [("", "—")] + list(Rule.choices)


def _plain(number):
    """30.0000 → '30', 12.2500 → '12.25' for the form's initial values."""
    if number is None:
        return None
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class SchemeForm(forms.Form):
    """A scheme on one page: name, the indicators with weight, rule and cap, and the leagues
    written one per line as "组别: 单位, 单位" (units by code or name)."""

    name = forms.CharField(label=gettext_lazy("方案名称"), max_length=100)
    note = forms.CharField(label=gettext_lazy("修订说明"), max_length=200, required=False)
    leagues = forms.CharField(
        label=gettext_lazy("组别与参赛单位"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("每行一个组别，例如“城区组: 220502, 二道江区”"),
    )

    def __init__(self, *args, region, initial_data=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        # Department leagues are kept as they are (the API edits them).
        self.department_leagues = [
            lg for lg in (initial_data or {}).get("leagues", []) if lg["unit_kind"] != "region"
        ]
        current = {i["key"]: i for i in (initial_data or {}).get("indicators", [])}
        for key, indicator in INDICATORS.items():
            item = current.get(key, {})
            self.fields[f"weight_{key}"] = forms.DecimalField(
                label=indicator.label,
                required=False,
                min_value=0,
                initial=_plain(item.get("weight")),
            )
            self.fields[f"rule_{key}"] = forms.ChoiceField(
                label=_("计分规则"), choices=RULES, required=False, initial=item.get("rule", "")
            )
            self.fields[f"cap_{key}"] = forms.DecimalField(
                label=_("封顶"), required=False, min_value=0, initial=_plain(item.get("cap"))
            )
        if initial_data and not self.is_bound:
            names = dict(Region.objects.within(region).values_list("code", "name"))
            self.initial.update(
                name=initial_data["name"],
                note="",
                leagues="\n".join(
                    f"{lg['name']}: {', '.join(names.get(str(m), str(m)) for m in lg['members'])}"
                    for lg in initial_data["leagues"]
                    if lg["unit_kind"] == "region"
                ),
            )

    def indicator_rows(self):
        return [
            (INDICATORS[key].label, self[f"weight_{key}"], self[f"rule_{key}"], self[f"cap_{key}"])
            for key in INDICATORS
        ]

    def clean_leagues(self):
        leagues = []
        for n, line in enumerate(self.cleaned_data["leagues"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, units = line.replace("：", ":").partition(":")
            if not sep:
                raise ValidationError(_("第%(n)s行应写作“组别: 单位, 单位”") % {"n": n})
            members = []
            for unit in units.replace("，", ",").replace("、", ",").split(","):
                unit = unit.strip()
                if not unit:
                    continue
                found = Region.objects.within(self.region).filter(name=unit).first()
                members.append(found.code if found else unit)
            leagues.append({"name": name.strip(), "unit_kind": "region", "members": members})
        return leagues

    def scheme_data(self) -> dict:
        data = self.cleaned_data
        indicators = [
            {
                "key": key,
                "weight": data[f"weight_{key}"],
                "rule": data[f"rule_{key}"] or Rule.CAPPED,
                "cap": data[f"cap_{key}"],
            }
            for key in INDICATORS
            if data.get(f"weight_{key}") is not None
        ]
        return {
            "name": data["name"],
            "note": data["note"],
            "indicators": indicators,
            "leagues": data["leagues"] + self.department_leagues,
        }


class TemplateForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("模板"), widget=forms.Textarea(attrs={"rows": 2}))
