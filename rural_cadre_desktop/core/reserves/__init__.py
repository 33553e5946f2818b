"""村级后备干部 (一乡一库): the reserve pool's list query (query.py: filters, search, sort, the
ordered ids and counts the 后备干部 tab and the CLI share) and its writes (services.py: one
transaction each, audited the same whichever face calls them). Qt-free.

Issue 11 (the reserves archive: 资格联审, 年度考察评议, 出库) builds on these two modules."""
