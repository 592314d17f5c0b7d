from sync_server.cli import main

raise SystemExit(main())
