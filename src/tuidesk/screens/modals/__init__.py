"""One modal per file: the forms, questions and lists that open over a screen."""
