"""One module per record type: rules that turn a sentence and its context into typed records."""
