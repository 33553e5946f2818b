"""批量导出本村任免审批表: one .lrmx per person of a village into a folder — the village's reserve
cadres (在库, any track: 一村一册's archives) or every live person of the village (what
`lrmx export --village` writes). Every file is made in memory before the first is written, so a
cancel or a refusal leaves the folder as it was; each file is then written atomically. The caller
audits (`lrmx-export village <name> <n> people`), as the command line does.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rural_cadre_desktop.core import lrmx
from rural_cadre_desktop.core.errors import UserError


def village_reserves(name: str) -> list[tuple[str, str]]:
    """(person id, name) of the village's members in the pool, each person once, 姓氏笔画 order."""
    from rural_cadre_desktop.core.listing import db
    from rural_cadre_desktop.core.regions import find_village
    from rural_cadre_desktop.core.strokes import stroke_key
    v = find_village(name)
    if v is None:
        raise UserError(f"找不到村(社区)“{name}”，请检查名称是否与“村(社区)”列表一致", f"no village {name!r}")
    rows = db().execute_sql(
        "SELECT DISTINCT p.id, p.name, p.name_strokes FROM reserve_cadre rc JOIN person p ON p.id = rc.person_id "
        "WHERE rc.village_id = ? AND rc.deleted = 0 AND rc.status = 'active' AND p.deleted = 0", (v.id,)).fetchall()
    rows.sort(key=lambda r: (r[2] or stroke_key(r[1] or ""), r[0]))
    return [(r[0], r[1]) for r in rows]


def people_of(village: str, reserves_only: bool = True) -> list[tuple[str, str]]:
    return village_reserves(village) if reserves_only else lrmx.village_people(village)


def export_folder(people: list[tuple[str, str]], folder, progress: Callable[[int, int], None] | None = None,
                  check_cancel: Callable[[], None] | None = None) -> list[Path]:
    """Write `people`'s .lrmx files into `folder` (made when missing, its parent must exist)."""
    from rural_cadre_desktop.core.outputs import check_target, write_bytes_atomic
    if not people:
        raise UserError("没有可导出的人员，请换一个村(社区)或改选“本村全部人员”", "nobody to export")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} 是一个文件，请选择文件夹", f"{folder} is a file, not a folder")
    if not folder.exists():
        check_target(folder)
    blobs = []
    for i, (pid, name) in enumerate(people, 1):
        if check_cancel:
            check_cancel()
        blobs.append((lrmx.export_person(pid), folder / lrmx.batch_filename(i, name)))
        if progress:
            progress(i, len(people))
    folder.mkdir(exist_ok=True)
    return [write_bytes_atomic(data, path) for data, path in blobs]
