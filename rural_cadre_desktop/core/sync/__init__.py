"""USB sync between offline PCs (DESIGN.md, "Identity and sync"): encrypted packages, field-level
merge by per-field clocks, conflicts kept for review. Qt-free.

    service.export_package(path, passphrase, to=None, township=None) -> summary
    service.load(path, passphrase, work_dir) -> Package   (decrypt + verify before any database is touched)
    service.clone_into(package, new_path) -> Report       (a second PC of the township)
    service.import_package(package, dry_run=False) -> Report
    conflicts.list_conflicts() / conflicts.restore(n)
"""
