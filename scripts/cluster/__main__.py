from scripts.cluster.cli import main

main()
