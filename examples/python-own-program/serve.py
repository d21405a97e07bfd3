#!/usr/bin/env python3
"""dockgen's e2e example of a Python app that starts itself: its Procfile
runs this script (no module-level app object for a WSGI server to load),
and the app keeps its data in the folder it is given."""
import notesd

if __name__ == "__main__":
    notesd.main()
