package lib

func New() {}
