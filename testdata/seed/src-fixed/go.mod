module flaws

go 1.19
