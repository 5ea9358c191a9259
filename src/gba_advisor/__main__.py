from gba_advisor.cli.app import main

main()
