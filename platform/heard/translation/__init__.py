"""Reading by a person: words the safeguarding screen could not read wait here until staff record a translation."""
