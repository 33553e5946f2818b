"""培训班 and 参训, Qt-free: query.py (the trainings list, one training's attendance, a person's
training history), services.py (every write — add/edit/copy/delete a training, attend, edit and
remove attendance — and the people pickers), rules.py (the yearly training rules, per person and
village, and the 双百 plan), report_export.py (the tab's roster and the rules sheet as .xlsx)."""
