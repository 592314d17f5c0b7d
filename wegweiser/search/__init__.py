"""Search over the Wegweiser on any SQLite connection: the tablet's store and the public
pages' index on the server find the same for the same words (see `engine`)."""
