"""The screens: one component per route, each drawn from the services and the shared
state (`app.views.state`), each the content of a `Frame`. Grouped by who uses them:

- `guide`: search, topics, records (what a start shows first);
- `sharing`: the newcomer card and the printed Wegweiser, to hand over;
- `reporting`: "Änderung melden", correcting a refused report, "Meine Meldungen";
- `device`: settings, signing out, the sync and its conflicts;
- `reviewing`: the office's review queue;
- `office`: the office's tools (people and devices, spreadsheets, Aktualität, Verlauf);
- `editing`: the office's editor of entries;
- `routes`: the route table that puts them together.

The leaf views they draw (`app.views.home`, `details`, ...) are functions of data.
"""
