"""Opening a book for a command: the verified cache of validated books, packed and read lazily."""
