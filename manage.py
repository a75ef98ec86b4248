#!/usr/bin/env python
from saima.cli import main

if __name__ == "__main__":
    main()
