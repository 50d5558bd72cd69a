import QKSimCLI

QKSimCommand.main()
