import sys

try:
    from factbrowser.cli.main import main
except KeyboardInterrupt:  # ctrl+c during start-up: no traceback, the usual exit code
    sys.exit(130)

sys.exit(main())
