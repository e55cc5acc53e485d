"""The registry of specialized places, routes and picket-free objects (Art 8(2), 9(5)) as the maslikhats keep
it: its tables, the import log, the log of edits made in the administration site, the store that builds a
`beibit.places.Registry` from the tables, and the admin. The maslikhat editor's pages are in
`web.registry`."""
