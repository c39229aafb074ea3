"""``python -m postinternat_config`` runs the command line."""

from postinternat_config.cli import main

main()
