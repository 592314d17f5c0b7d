"""The domain shared by the app and the sync server: one definition of every entity and
of every rule both sides apply. The README's "Where things live" names each module:
records (`model`, `owned`, `kinds`), the rulebook (`edits`, `roles`, `references`,
`cross_checks`, `markdown_rules`, `addresses`, `translations`, `freshness`, `messages`)
and formats (`protocol`, `dataset`, `spreadsheet_columns`, `spreadsheet`,
`import_preview`, `vcard`, `opening_hours`, `week`, `weekdays`, `holidays`, `query`,
`text`, `languages`).
"""
