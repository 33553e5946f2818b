"""同步(U盘): the dialog with its three pages — 导出到U盘, 从U盘导入 (dry run, the report, 确定导入),
冲突列表 (both values side by side, 恢复此值). Every step is a core.sync service run through
gui/operations (the import and every write on the writer thread)."""
