from summarise.cli import main

main()
