"""培训班 and 参训: the trainings list (query.py: filters, search, sort, ordered ids, counts — the
培训记录 tab and the command line share it) and the attendance list of one training. Qt-free.

Issue 12 (trainings: add, attend, the yearly rules) adds its writes as services.py beside it."""
