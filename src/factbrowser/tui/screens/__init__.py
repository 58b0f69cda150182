"""The app's screens: the browser (the main screen), matrix, timeline and help."""
