package pkg

func testOnly() {}
