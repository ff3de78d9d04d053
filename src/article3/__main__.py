from article3.cli.main import main

main()
