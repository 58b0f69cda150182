import sys

from factbrowser.cli import main

sys.exit(main())
