"""Errors that carry a message for the clerk (Chinese) and one for the log/scripts (English)."""


class UserError(Exception):
    """Bad input or a refused action: nothing was changed. Shown to the user as one sentence."""

    def __init__(self, zh: str, en: str = ""):
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def line(self) -> str:
        """The one-line reason the command line prints: Chinese, then English."""
        return f"{self.zh} / {self.en}" if self.en else self.zh

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.zh


class ValidationError(UserError):
    """A value typed or imported does not pass validation; `field` names what is wrong."""

    def __init__(self, zh: str, en: str = "", field: str | None = None):
        super().__init__(zh, en)
        self.field = field


class SchemaError(UserError):
    """The database file cannot be used by this version of the program."""
