from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """A counter that moves whenever data the figures read has changed (see `versions.py`).

    Keys: `epoch` (random, new for every database and after a restore), `global` (data that
    belongs to no region), `below:<code>` (data of the region or anything below it) and
    `own:<code>` (data attached to the region itself, which its sub-regions also read, such
    as the reporting periods it governs). Cached figures are keyed on these counters.
    """

    key = models.CharField(_("键"), max_length=40, primary_key=True)
    value = models.BigIntegerField(_("值"), default=0)

    class Meta:
        ordering = ["key"]
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return f"{self.key}={self.value}"
