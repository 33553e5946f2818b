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


# -- sqlite3 / OS errors as one line for the clerk ------------------------------------------------
# SQLite's result codes (primary code: the low byte of the extended one) and errno values that
# a township PC meets: a full disk, another program holding the write lock past busy_timeout, a
# read-only file or folder, a damaged file, a file that is no database at all. Each is (zh, en):
# explain() makes a fresh UserError of it.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 5, 6, 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26

DISK_FULL = ("磁盘已满，请清理空间后重试，数据没有改动",
             "the disk is full; free some space and try again, nothing was changed")
LOCKED = ("数据库正被另一个程序写入，请稍后再试（数据没有改动）",
          "the database is being written by another program; try again later, nothing was changed")
READ_ONLY = ("数据库文件或其文件夹是只读的，请换到有写权限的位置或请管理员开放权限，数据没有改动",
             "the database file or its folder is read-only; nothing was changed")
DAMAGED = ("数据库文件已损坏，请用“文件 → 从备份恢复…”（或 restore 命令）恢复最近的完好备份",
           "the database file is damaged; restore the newest good backup")
NO_PERMISSION = ("没有权限读写这个文件或文件夹，请换一个位置或请管理员开放权限，数据没有改动",
                 "permission denied; nothing was changed")
IO_ERROR = ("读写数据库文件时出错（磁盘或U盘可能已拔出或损坏），请检查磁盘后重试",
            "disk I/O error on the database file; check the disk and try again")
NOT_A_LEDGER = ("这个文件不是本软件的数据库文件（台账），或已损坏；请检查 --db 路径，文件没有改动",
                "this file is not a database of this program, or it is damaged; nothing was changed")


def sqlite_code(exc: BaseException) -> int | None:
    """The SQLite primary result code behind exc, however peewee wrapped or chained it."""
    for e in _chain(exc):
        code = getattr(e, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF
    return None


def _chain(exc: BaseException):
    """exc, what peewee wrapped (its first argument), and what it was raised from or during."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [a for a in getattr(e, "args", ())[:1] if isinstance(a, BaseException)]
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]


def explain(exc: BaseException) -> UserError | None:
    """The one-line refusal for a storage failure (disk full, lock held, read-only, damaged, not a
    database), or None when exc is something else. The most telling error in the chain wins: a
    full disk makes SQLite roll back on its own, and the ROLLBACK that follows fails with "no
    transaction is active" — the disk, not the rollback, is what the clerk must hear about."""
    import errno
    codes, errnos = [], []
    for e in _chain(exc):
        if getattr(e, "sqlite_errorcode", None) is not None:
            codes.append(e.sqlite_errorcode & 0xFF)
        elif isinstance(e, OSError) and e.errno is not None:
            errnos.append(e.errno)
        text = str(e)
        if "database or disk is full" in text:
            codes.append(_SQLITE_FULL)
        elif "database is locked" in text:
            codes.append(_SQLITE_BUSY)
        elif "readonly database" in text:
            codes.append(_SQLITE_READONLY)
        elif "disk image is malformed" in text:
            codes.append(_SQLITE_CORRUPT)
        elif "file is not a database" in text:
            codes.append(_SQLITE_NOTADB)
    if _SQLITE_FULL in codes or errno.ENOSPC in errnos or errno.EDQUOT in errnos:
        return UserError(*DISK_FULL)
    if _SQLITE_CORRUPT in codes:
        return UserError(*DAMAGED)
    if _SQLITE_NOTADB in codes:
        return UserError(*NOT_A_LEDGER)
    if _SQLITE_BUSY in codes or _SQLITE_LOCKED in codes:
        return UserError(*LOCKED)
    if _SQLITE_READONLY in codes or errno.EROFS in errnos:
        return UserError(*READ_ONLY)
    if errno.EACCES in errnos or errno.EPERM in errnos:
        return UserError(*NO_PERMISSION)
    if _SQLITE_IOERR in codes or _SQLITE_CANTOPEN in codes:
        return UserError(*IO_ERROR)
    return None
