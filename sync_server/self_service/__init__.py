"""The network keeps its own entries: the office asks a contact point to confirm or
correct its entry by a personal link (`requests`, mailed by `mails`), the contact point
answers on a public form (`answers`, its pages in `sync_server/public/update_form.py`).
"""
