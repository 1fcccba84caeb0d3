"""Django format modules (FORMAT_MODULE_PATH): the project's own date and time formats."""
