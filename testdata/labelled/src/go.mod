module example.com/labelled

go 1.19
