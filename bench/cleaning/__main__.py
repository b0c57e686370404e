from bench.cleaning.run import main

main()
