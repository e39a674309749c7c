# ruff: noqa: E501  (prose: long lines of data read better unbroken)
"""Demo data for tuidesk: organizations, people, assets, ticket stories and knowledge-base articles."""

from __future__ import annotations

ORGANIZATIONS = [
    {
        "name": "Northwind Logistics",
        "plan": "warranty",
        "warranty_days": 200,
        "calendar": "12x5",
        "timezone": "Europe/Berlin",
    },
    {
        "name": "Harborview Legal LLP",
        "plan": "premium",
        "warranty_days": None,
        "calendar": "24x7",
        "timezone": "America/New_York",
    },
    {
        "name": "Lindqvist Dental Clinics",
        "plan": "post_warranty",
        "warranty_days": None,
        "calendar": "12x5",
        "timezone": "Europe/Stockholm",
    },
    {
        "name": "Meridian Architecture Studio",
        "plan": "warranty",
        "warranty_days": -35,
        "calendar": "12x5",
        "timezone": "Europe/London",
    },
    {
        "name": "Copperleaf Foods",
        "plan": "self_service",
        "warranty_days": None,
        "calendar": "12x5",
        "timezone": "America/Chicago",
    },
    {
        "name": "Saltmarsh Veterinary Group",
        "plan": "post_warranty",
        "warranty_days": None,
        "calendar": "12x5",
        "timezone": "Europe/Dublin",
    },
    {
        "name": "Alderbank Credit Union",
        "plan": "premium",
        "warranty_days": None,
        "calendar": "24x7",
        "timezone": "America/Toronto",
    },
    {
        "name": "Fennimore Bicycle Co.",
        "plan": "self_service",
        "warranty_days": None,
        "calendar": "12x5",
        "timezone": "Europe/Amsterdam",
    },
]

AGENTS = [
    {
        "login": "amira",
        "name": "Amira Haddad",
        "tier": 1,
        "role": "agent",
        "timezone": "Europe/Berlin",
    },
    {
        "login": "tomasz",
        "name": "Tomasz Wójcik",
        "tier": 1,
        "role": "agent",
        "timezone": "Europe/Warsaw",
    },
    {
        "login": "leah",
        "name": "Leah Okafor",
        "tier": 1,
        "role": "agent",
        "timezone": "Europe/London",
    },
    {
        "login": "diego",
        "name": "Diego Fernández",
        "tier": 1,
        "role": "agent",
        "timezone": "America/New_York",
    },
    {
        "login": "priya",
        "name": "Priya Raman",
        "tier": 2,
        "role": "lead",
        "timezone": "Europe/Berlin",
    },
    {
        "login": "mattias",
        "name": "Mattias Berg",
        "tier": 2,
        "role": "agent",
        "timezone": "Europe/Stockholm",
    },
    {
        "login": "kenji",
        "name": "Kenji Watanabe",
        "tier": 3,
        "role": "agent",
        "timezone": "Europe/Berlin",
    },
    {
        "login": "sofia",
        "name": "Sofia Marchetti",
        "tier": 3,
        "role": "agent",
        "timezone": "Europe/Rome",
    },
    {
        "login": "hannah",
        "name": "Hannah Schulz",
        "tier": 3,
        "role": "admin",
        "timezone": "Europe/Berlin",
    },
]

VENDORS = [
    {
        "name": "Kestrel Print Services",
        "contact": "support@kestrel-print.example",
        "phone": "+49 30 5550 1200",
        "response_hours": 8,
    },
    {
        "name": "Bluefin Fibre",
        "contact": "noc@bluefin-fibre.example",
        "phone": "+44 20 7946 0321",
        "response_hours": 4,
    },
    {
        "name": "Ironbark Hardware Repair",
        "contact": "service@ironbark-repair.example",
        "phone": "+1 312 555 0147",
        "response_hours": 24,
    },
    {
        "name": "Pellucid Voice",
        "contact": "support@pellucid-voice.example",
        "phone": "+46 8 555 019 40",
        "response_hours": 6,
    },
    {
        "name": "Quillstone Software",
        "contact": "helpdesk@quillstone.example",
        "phone": "+1 416 555 0188",
        "response_hours": 12,
    },
]

# What a vendor says when it takes a case ({vendor}), when it is fixed ({reference}),
# and the note with which the ticket goes back to the tier that sent it.
VENDOR_ACKNOWLEDGEMENTS = [
    "{vendor} acknowledged the case and asked for the serial number and a photo of the label; both sent.",
    "{vendor} took the case and booked an engineer for the next business day.",
    "{vendor} confirmed receipt, ran their remote diagnostics and agreed it is a fault on their side.",
    "{vendor} called back within the contract time and asked for the logs from the last 48 hours; uploaded to their portal.",
]
VENDOR_FIXES = [
    "{vendor} confirmed the fault under {reference}; the part was shipped and fitted on site.",
    "{vendor} closed {reference}: their engineer replaced the faulty unit and tested it with the customer.",
    "{vendor} reports {reference} fixed on their side and sent the service report.",
]
VENDOR_RETURNS = [
    "Back from {vendor}: please confirm with the customer that everything works, then resolve.",
    "{vendor} is done. Check with the customer and close it off on our side.",
    "Fixed by {vendor}; over to you for the customer's confirmation.",
]

CUSTOMERS = [
    # Northwind Logistics
    {
        "name": "Jonas Becker",
        "email": "jonas.becker@northwind.example",
        "phone": "+49 40 5550 1334",
        "organization": "Northwind Logistics",
        "location": "Hamburg HQ, 3rd floor, room 312",
    },
    {
        "name": "Aylin Demir",
        "email": "aylin.demir@northwind.example",
        "phone": "+49 40 5550 1351",
        "organization": "Northwind Logistics",
        "location": "Hamburg HQ, 2nd floor, dispatch office",
    },
    {
        "name": "Mehmet Kaya",
        "email": "mehmet.kaya@northwind.example",
        "phone": "+49 421 5550 2207",
        "organization": "Northwind Logistics",
        "location": "Bremen warehouse, loading dock office",
    },
    {
        "name": "Katharina Vogel",
        "email": "katharina.vogel@northwind.example",
        "phone": "+49 40 5550 1407",
        "organization": "Northwind Logistics",
        "location": "Hamburg HQ, 4th floor, finance, room 407",
    },
    {
        "name": "Piotr Nowak",
        "email": "piotr.nowak@northwind.example",
        "phone": "+49 421 5550 2230",
        "organization": "Northwind Logistics",
        "location": "Bremen warehouse, shift supervisor desk",
    },
    {
        "name": "Greta Hansen",
        "email": "greta.hansen@northwind.example",
        "phone": "+49 40 5550 1000",
        "organization": "Northwind Logistics",
        "location": "Hamburg HQ, ground floor, reception",
    },
    # Harborview Legal LLP
    {
        "name": "Margaret O'Connell",
        "email": "margaret.oconnell@harborview-legal.example",
        "phone": "+1 212 555 0104",
        "organization": "Harborview Legal LLP",
        "location": "Water Street office, 18th floor, partner office 1804",
    },
    {
        "name": "Daniel Kim",
        "email": "daniel.kim@harborview-legal.example",
        "phone": "+1 212 555 0122",
        "organization": "Harborview Legal LLP",
        "location": "Water Street office, 18th floor, associates area, desk 22",
    },
    {
        "name": "Rosa Alvarez",
        "email": "rosa.alvarez@harborview-legal.example",
        "phone": "+1 212 555 0137",
        "organization": "Harborview Legal LLP",
        "location": "Water Street office, 17th floor, records room",
    },
    {
        "name": "Samuel Adeyemi",
        "email": "samuel.adeyemi@harborview-legal.example",
        "phone": "+1 212 555 0100",
        "organization": "Harborview Legal LLP",
        "location": "Water Street office, 17th floor, office manager",
    },
    {
        "name": "Evelyn Brooks",
        "email": "evelyn.brooks@harborview-legal.example",
        "phone": "+1 203 555 0169",
        "organization": "Harborview Legal LLP",
        "location": "Remote, home office in Stamford CT",
    },
    # Lindqvist Dental Clinics
    {
        "name": "Karin Lindqvist",
        "email": "karin.lindqvist@lindqvistdental.example",
        "phone": "+46 8 555 012 10",
        "organization": "Lindqvist Dental Clinics",
        "location": "Södermalm clinic, owner's office",
    },
    {
        "name": "Erik Johansson",
        "email": "erik.johansson@lindqvistdental.example",
        "phone": "+46 18 555 034 01",
        "organization": "Lindqvist Dental Clinics",
        "location": "Uppsala clinic, front desk",
    },
    {
        "name": "Fatima Hussein",
        "email": "fatima.hussein@lindqvistdental.example",
        "phone": "+46 8 555 012 33",
        "organization": "Lindqvist Dental Clinics",
        "location": "Södermalm clinic, treatment room 3",
    },
    {
        "name": "Oskar Nilsson",
        "email": "oskar.nilsson@lindqvistdental.example",
        "phone": "+46 8 555 012 45",
        "organization": "Lindqvist Dental Clinics",
        "location": "Södermalm clinic, X-ray room",
    },
    {
        "name": "Linnea Berg",
        "email": "linnea.berg@lindqvistdental.example",
        "phone": "+46 18 555 034 12",
        "organization": "Lindqvist Dental Clinics",
        "location": "Uppsala clinic, back office",
    },
    # Meridian Architecture Studio
    {
        "name": "Oliver Whitfield",
        "email": "oliver.whitfield@meridian-arch.example",
        "phone": "+44 20 7946 0514",
        "organization": "Meridian Architecture Studio",
        "location": "Clerkenwell studio, 2nd floor, desk 14",
    },
    {
        "name": "Niamh Gallagher",
        "email": "niamh.gallagher@meridian-arch.example",
        "phone": "+44 20 7946 0527",
        "organization": "Meridian Architecture Studio",
        "location": "Clerkenwell studio, basement model workshop",
    },
    {
        "name": "Rajesh Patel",
        "email": "rajesh.patel@meridian-arch.example",
        "phone": "+44 20 7946 0531",
        "organization": "Meridian Architecture Studio",
        "location": "Clerkenwell studio, 1st floor, plotter room",
    },
    {
        "name": "Chloé Dubois",
        "email": "chloe.dubois@meridian-arch.example",
        "phone": "+44 20 7946 0503",
        "organization": "Meridian Architecture Studio",
        "location": "Clerkenwell studio, 2nd floor, desk 3",
    },
    {
        "name": "Tunde Bakare",
        "email": "tunde.bakare@meridian-arch.example",
        "phone": "+44 20 7946 0500",
        "organization": "Meridian Architecture Studio",
        "location": "Clerkenwell studio, ground floor, reception",
    },
    # Copperleaf Foods
    {
        "name": "Marcus Johnson",
        "email": "marcus.johnson@copperleaf.example",
        "phone": "+1 312 555 0191",
        "organization": "Copperleaf Foods",
        "location": "Chicago office, sales floor, cube 4B",
    },
    {
        "name": "Ana Lucía Torres",
        "email": "analucia.torres@copperleaf.example",
        "phone": "+1 815 555 0126",
        "organization": "Copperleaf Foods",
        "location": "Joliet plant, quality lab",
    },
    {
        "name": "Wei Zhang",
        "email": "wei.zhang@copperleaf.example",
        "phone": "+1 815 555 0110",
        "organization": "Copperleaf Foods",
        "location": "Joliet plant, production office",
    },
    {
        "name": "Brittany Nguyen",
        "email": "brittany.nguyen@copperleaf.example",
        "phone": "+1 312 555 0175",
        "organization": "Copperleaf Foods",
        "location": "Chicago office, HR, room 210",
    },
    {
        "name": "Frank Kowalski",
        "email": "frank.kowalski@copperleaf.example",
        "phone": "+1 815 555 0158",
        "organization": "Copperleaf Foods",
        "location": "Joliet plant, shipping dock",
    },
    # Saltmarsh Veterinary Group
    {
        "name": "Siobhán Murphy",
        "email": "siobhan.murphy@saltmarsh-vets.example",
        "phone": "+353 1 555 0140",
        "organization": "Saltmarsh Veterinary Group",
        "location": "Ranelagh surgery, practice manager's office",
    },
    {
        "name": "Conor Byrne",
        "email": "conor.byrne@saltmarsh-vets.example",
        "phone": "+353 1 555 0152",
        "organization": "Saltmarsh Veterinary Group",
        "location": "Ranelagh surgery, consult room 2",
    },
    {
        "name": "Aoife Kelly",
        "email": "aoife.kelly@saltmarsh-vets.example",
        "phone": "+353 21 555 0118",
        "organization": "Saltmarsh Veterinary Group",
        "location": "Douglas surgery, Cork, front desk",
    },
    {
        "name": "Yusuf Okonkwo",
        "email": "yusuf.okonkwo@saltmarsh-vets.example",
        "phone": "+353 21 555 0133",
        "organization": "Saltmarsh Veterinary Group",
        "location": "Douglas surgery, Cork, theatre prep room",
    },
    {
        "name": "Magdalena Zielińska",
        "email": "magdalena.zielinska@saltmarsh-vets.example",
        "phone": "+353 1 555 0167",
        "organization": "Saltmarsh Veterinary Group",
        "location": "Ranelagh surgery, dispensary",
    },
    # Alderbank Credit Union
    {
        "name": "Jean-Philippe Tremblay",
        "email": "jp.tremblay@alderbank.example",
        "phone": "+1 416 555 0112",
        "organization": "Alderbank Credit Union",
        "location": "Toronto head office, 6th floor, IT liaison desk",
    },
    {
        "name": "Harpreet Sandhu",
        "email": "harpreet.sandhu@alderbank.example",
        "phone": "+1 905 555 0143",
        "organization": "Alderbank Credit Union",
        "location": "Brampton branch, teller line, station 2",
    },
    {
        "name": "Grace Liu",
        "email": "grace.liu@alderbank.example",
        "phone": "+1 416 555 0129",
        "organization": "Alderbank Credit Union",
        "location": "Toronto head office, 5th floor, lending, office 512",
    },
    {
        "name": "Michael Anderson",
        "email": "michael.anderson@alderbank.example",
        "phone": "+1 416 555 0101",
        "organization": "Alderbank Credit Union",
        "location": "Toronto head office, 6th floor, CFO office",
    },
    {
        "name": "Amani Mwangi",
        "email": "amani.mwangi@alderbank.example",
        "phone": "+1 905 555 0176",
        "organization": "Alderbank Credit Union",
        "location": "Mississauga branch, member services desk",
    },
    {
        "name": "Noah Fraser",
        "email": "noah.fraser@alderbank.example",
        "phone": "+1 416 555 0131",
        "organization": "Alderbank Credit Union",
        "location": "Toronto head office, 3rd floor, call centre, seat 31",
    },
    # Fennimore Bicycle Co.
    {
        "name": "Sanne de Vries",
        "email": "sanne.devries@fennimore-bikes.example",
        "phone": "+31 20 555 0142",
        "organization": "Fennimore Bicycle Co.",
        "location": "Amsterdam shop, back office",
    },
    {
        "name": "Youssef El Amrani",
        "email": "youssef.elamrani@fennimore-bikes.example",
        "phone": "+31 20 555 0157",
        "organization": "Fennimore Bicycle Co.",
        "location": "Amsterdam shop, workshop counter",
    },
    {
        "name": "Lotte Visser",
        "email": "lotte.visser@fennimore-bikes.example",
        "phone": "+31 30 555 0108",
        "organization": "Fennimore Bicycle Co.",
        "location": "Utrecht shop, till",
    },
]

ASSETS = [
    # Northwind Logistics
    {
        "owner": "jonas.becker@northwind.example",
        "kind": "laptop",
        "model": "Lenovo ThinkPad T14 Gen 4",
        "serial": "PF4XK2Q9",
        "warranty_days": 410,
    },
    {
        "owner": "jonas.becker@northwind.example",
        "kind": "monitor",
        "model": "Dell P2723DE",
        "serial": "CN0F3K7T74180",
        "warranty_days": 410,
    },
    {
        "owner": "aylin.demir@northwind.example",
        "kind": "desktop",
        "model": "HP EliteDesk 800 G6 SFF",
        "serial": "CZC1238LMN",
        "warranty_days": -60,
    },
    {
        "owner": "mehmet.kaya@northwind.example",
        "kind": "tablet",
        "model": "Zebra ET45 Enterprise Tablet",
        "serial": "22145B0431",
        "warranty_days": 150,
    },
    {
        "owner": "mehmet.kaya@northwind.example",
        "kind": "printer",
        "model": "Zebra ZT411 industrial label printer",
        "serial": "99J213400872",
        "warranty_days": -220,
    },
    {
        "owner": "katharina.vogel@northwind.example",
        "kind": "laptop",
        "model": "Dell Latitude 5440",
        "serial": "7HX2KV3",
        "warranty_days": 520,
    },
    {
        "owner": "piotr.nowak@northwind.example",
        "kind": "phone",
        "model": "Samsung Galaxy XCover6 Pro",
        "serial": "R5CT41A8C9Z",
        "warranty_days": 300,
    },
    {
        "owner": "greta.hansen@northwind.example",
        "kind": "printer",
        "model": "HP Color LaserJet Pro MFP M479fdw",
        "serial": "VNB3K41920",
        "warranty_days": 95,
    },
    {
        "owner": "greta.hansen@northwind.example",
        "kind": "switch",
        "model": "Cisco Catalyst 1000-24P-4G-L",
        "serial": "FOC2451X1AB",
        "warranty_days": 640,
    },
    {
        "owner": "greta.hansen@northwind.example",
        "kind": "ups",
        "model": "APC Smart-UPS 1500 SMT1500RMI2U",
        "serial": "AS1921134567",
        "warranty_days": 140,
    },
    # Harborview Legal LLP
    {
        "owner": "margaret.oconnell@harborview-legal.example",
        "kind": "laptop",
        "model": "Apple MacBook Pro 14-inch (M3 Pro)",
        "serial": "C02FK3ZXMD6T",
        "warranty_days": 700,
    },
    {
        "owner": "margaret.oconnell@harborview-legal.example",
        "kind": "phone",
        "model": "Apple iPhone 15",
        "serial": "F2LXK9P0N72J",
        "warranty_days": 200,
    },
    {
        "owner": "daniel.kim@harborview-legal.example",
        "kind": "laptop",
        "model": "Microsoft Surface Laptop 5",
        "serial": "0F3H7K2230G1",
        "warranty_days": -45,
    },
    {
        "owner": "rosa.alvarez@harborview-legal.example",
        "kind": "scanner",
        "model": "Fujitsu fi-8170",
        "serial": "A9DB012345",
        "warranty_days": 380,
    },
    {
        "owner": "samuel.adeyemi@harborview-legal.example",
        "kind": "server",
        "model": "Dell PowerEdge R650",
        "serial": "9QZ8FK3",
        "warranty_days": 900,
    },
    {
        "owner": "samuel.adeyemi@harborview-legal.example",
        "kind": "access-point",
        "model": "Cisco Meraki MR46",
        "serial": "Q3AB-7KLM-2XYZ",
        "warranty_days": 450,
    },
    {
        "owner": "evelyn.brooks@harborview-legal.example",
        "kind": "monitor",
        "model": "LG 27UP850-W",
        "serial": "307NTAB01234",
        "warranty_days": 120,
    },
    {
        "owner": "evelyn.brooks@harborview-legal.example",
        "kind": "router",
        "model": "Netgear Orbi RBR750",
        "serial": "6LA1957P00412",
        "warranty_days": -300,
    },
    # Lindqvist Dental Clinics
    {
        "owner": "karin.lindqvist@lindqvistdental.example",
        "kind": "laptop",
        "model": "HP EliteBook 840 G10",
        "serial": "5CG3381QWT",
        "warranty_days": 560,
    },
    {
        "owner": "karin.lindqvist@lindqvistdental.example",
        "kind": "ups",
        "model": "Eaton 5P 1550i",
        "serial": "G116K12345",
        "warranty_days": -90,
    },
    {
        "owner": "erik.johansson@lindqvistdental.example",
        "kind": "desktop",
        "model": "Lenovo ThinkCentre M70q Gen 3",
        "serial": "MJ0GH2L4",
        "warranty_days": -120,
    },
    {
        "owner": "fatima.hussein@lindqvistdental.example",
        "kind": "monitor",
        "model": "Eizo FlexScan EV2460",
        "serial": "52871034",
        "warranty_days": 35,
    },
    {
        "owner": "oskar.nilsson@lindqvistdental.example",
        "kind": "desktop",
        "model": "Dell OptiPlex 7010 Micro",
        "serial": "4JKD2Y3",
        "warranty_days": 230,
    },
    {
        "owner": "linnea.berg@lindqvistdental.example",
        "kind": "printer",
        "model": "Brother MFC-L8900CDW",
        "serial": "E78312A0N456789",
        "warranty_days": -15,
    },
    {
        "owner": "linnea.berg@lindqvistdental.example",
        "kind": "router",
        "model": "MikroTik hEX S (RB760iGS)",
        "serial": "HF2094RBA31",
        "warranty_days": 210,
    },
    # Meridian Architecture Studio
    {
        "owner": "oliver.whitfield@meridian-arch.example",
        "kind": "desktop",
        "model": "Dell Precision 3660 Tower",
        "serial": "8KLM9T3",
        "warranty_days": -180,
    },
    {
        "owner": "oliver.whitfield@meridian-arch.example",
        "kind": "monitor",
        "model": "Dell UltraSharp U3223QE",
        "serial": "CN0G8H2T74261",
        "warranty_days": -180,
    },
    {
        "owner": "niamh.gallagher@meridian-arch.example",
        "kind": "laptop",
        "model": "Apple MacBook Air 13-inch (M2)",
        "serial": "FVFHX2ABQ6L4",
        "warranty_days": 45,
    },
    {
        "owner": "rajesh.patel@meridian-arch.example",
        "kind": "printer",
        "model": "HP DesignJet T650 36-inch",
        "serial": "SG91K4P02B",
        "warranty_days": -35,
    },
    {
        "owner": "chloe.dubois@meridian-arch.example",
        "kind": "tablet",
        "model": "Apple iPad Pro 12.9-inch (6th generation)",
        "serial": "DMPZ41K7Q1GH",
        "warranty_days": 260,
    },
    {
        "owner": "tunde.bakare@meridian-arch.example",
        "kind": "phone",
        "model": "Yealink T54W",
        "serial": "80194C0A1B2C",
        "warranty_days": 330,
    },
    {
        "owner": "tunde.bakare@meridian-arch.example",
        "kind": "switch",
        "model": "Ubiquiti UniFi Switch Pro 24 PoE",
        "serial": "245A9F12CD34",
        "warranty_days": 480,
    },
    # Copperleaf Foods
    {
        "owner": "marcus.johnson@copperleaf.example",
        "kind": "laptop",
        "model": "Lenovo ThinkPad X1 Carbon Gen 11",
        "serial": "PW0AB1CD",
        "warranty_days": 380,
    },
    {
        "owner": "marcus.johnson@copperleaf.example",
        "kind": "phone",
        "model": "Samsung Galaxy S23",
        "serial": "R3CW20XYZ1K",
        "warranty_days": 150,
    },
    {
        "owner": "analucia.torres@copperleaf.example",
        "kind": "desktop",
        "model": "HP ProDesk 400 G9 SFF",
        "serial": "8CG2415KZP",
        "warranty_days": 610,
    },
    {
        "owner": "wei.zhang@copperleaf.example",
        "kind": "scanner",
        "model": "Epson WorkForce DS-530 II",
        "serial": "X5RQ004512",
        "warranty_days": -75,
    },
    {
        "owner": "wei.zhang@copperleaf.example",
        "kind": "server",
        "model": "HPE ProLiant DL380 Gen10",
        "serial": "CZ2D14070K",
        "warranty_days": -250,
    },
    {
        "owner": "brittany.nguyen@copperleaf.example",
        "kind": "laptop",
        "model": "Dell Latitude 7440",
        "serial": "3QWT9Z3",
        "warranty_days": 420,
    },
    {
        "owner": "frank.kowalski@copperleaf.example",
        "kind": "printer",
        "model": "Zebra ZD421 label printer",
        "serial": "D4J221903344",
        "warranty_days": 20,
    },
    {
        "owner": "frank.kowalski@copperleaf.example",
        "kind": "access-point",
        "model": "Aruba Instant On AP22",
        "serial": "CNKJ8ZT0QW",
        "warranty_days": 190,
    },
    # Saltmarsh Veterinary Group
    {
        "owner": "siobhan.murphy@saltmarsh-vets.example",
        "kind": "desktop",
        "model": "Lenovo ThinkCentre M90t Gen 4",
        "serial": "MJ0JK8W1",
        "warranty_days": 300,
    },
    {
        "owner": "siobhan.murphy@saltmarsh-vets.example",
        "kind": "router",
        "model": "DrayTek Vigor 2865",
        "serial": "2865A1B2C3D4",
        "warranty_days": 180,
    },
    {
        "owner": "siobhan.murphy@saltmarsh-vets.example",
        "kind": "ups",
        "model": "APC Back-UPS Pro 900",
        "serial": "3B2134X56789",
        "warranty_days": -500,
    },
    {
        "owner": "conor.byrne@saltmarsh-vets.example",
        "kind": "tablet",
        "model": "Samsung Galaxy Tab Active4 Pro",
        "serial": "R52W10ABCDE",
        "warranty_days": 140,
    },
    {
        "owner": "aoife.kelly@saltmarsh-vets.example",
        "kind": "printer",
        "model": "Epson WorkForce Pro WF-C5890",
        "serial": "X62N011234",
        "warranty_days": -40,
    },
    {
        "owner": "yusuf.okonkwo@saltmarsh-vets.example",
        "kind": "monitor",
        "model": "Philips 242B1",
        "serial": "AU02219012345",
        "warranty_days": 70,
    },
    {
        "owner": "magdalena.zielinska@saltmarsh-vets.example",
        "kind": "scanner",
        "model": "Honeywell Voyager 1470g barcode scanner",
        "serial": "21150B4321",
        "warranty_days": -10,
    },
    # Alderbank Credit Union
    {
        "owner": "jp.tremblay@alderbank.example",
        "kind": "laptop",
        "model": "Lenovo ThinkPad T16 Gen 2",
        "serial": "PF4TR9M1",
        "warranty_days": 800,
    },
    {
        "owner": "jp.tremblay@alderbank.example",
        "kind": "switch",
        "model": "Cisco Catalyst 9200L-48P-4G",
        "serial": "FCW2432L0XY",
        "warranty_days": 1100,
    },
    {
        "owner": "jp.tremblay@alderbank.example",
        "kind": "server",
        "model": "Dell PowerEdge R750",
        "serial": "7FGH2J3",
        "warranty_days": 1100,
    },
    {
        "owner": "harpreet.sandhu@alderbank.example",
        "kind": "desktop",
        "model": "Dell OptiPlex 7000 SFF",
        "serial": "2MNB5X3",
        "warranty_days": 450,
    },
    {
        "owner": "grace.liu@alderbank.example",
        "kind": "monitor",
        "model": "HP E24 G5",
        "serial": "CNC3210XYZ",
        "warranty_days": 450,
    },
    {
        "owner": "michael.anderson@alderbank.example",
        "kind": "tablet",
        "model": "Microsoft Surface Pro 9",
        "serial": "0X23A7H1922",
        "warranty_days": 520,
    },
    {
        "owner": "amani.mwangi@alderbank.example",
        "kind": "printer",
        "model": "Lexmark MS631dw",
        "serial": "5012ABC34567",
        "warranty_days": 260,
    },
    {
        "owner": "amani.mwangi@alderbank.example",
        "kind": "access-point",
        "model": "Cisco Meraki MR36",
        "serial": "Q2MN-4ABC-9DEF",
        "warranty_days": 700,
    },
    {
        "owner": "noah.fraser@alderbank.example",
        "kind": "phone",
        "model": "Poly CCX 400",
        "serial": "8G1234A5BC67",
        "warranty_days": 200,
    },
    # Fennimore Bicycle Co.
    {
        "owner": "sanne.devries@fennimore-bikes.example",
        "kind": "laptop",
        "model": "Apple MacBook Air 15-inch (M2)",
        "serial": "C02GX1YZQ6L7",
        "warranty_days": -160,
    },
    {
        "owner": "sanne.devries@fennimore-bikes.example",
        "kind": "router",
        "model": "AVM FRITZ!Box 7590 AX",
        "serial": "A123.456.78.901.234",
        "warranty_days": -260,
    },
    {
        "owner": "youssef.elamrani@fennimore-bikes.example",
        "kind": "tablet",
        "model": "Apple iPad (10th generation)",
        "serial": "GG7XK1L2Q1",
        "warranty_days": 90,
    },
    {
        "owner": "lotte.visser@fennimore-bikes.example",
        "kind": "printer",
        "model": "Epson TM-m30III receipt printer",
        "serial": "X7F3021456",
        "warranty_days": 330,
    },
]

SCENARIOS = [
    # ------------------------------------------------------------------ hardware
    {
        "subject": "Laptop dead after coffee spill",
        "symptoms": "Customer knocked a full cup of coffee over the keyboard about 20 minutes before calling. The laptop switched itself off straight away and now does nothing when the power button is pressed, no lights, no fan. It has been unplugged and is standing upside down on a towel. Says there is a client presentation on it that is needed tomorrow morning.",
        "goal": "Get the presentation files back and have a working laptop for tomorrow's client meeting.",
        "category": "hardware",
        "tags": ["liquid-damage", "laptop", "data-recovery"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 1,
        "impact": 3,
        "customer_messages": [
            "The presentation was saved in my Documents folder, I think it also went to OneDrive but I'm not 100% sure. Can I pick up a loaner tonight?",
        ],
        "replies": [
            "Thanks for unplugging it straight away, that was exactly the right thing to do. Please don't try to switch it on again, even if it looks dry. I've booked a loaner laptop for you at the IT desk and it will be ready from 4 pm.",
            "Good news: your Documents folder is synced to OneDrive and the presentation is there, last saved yesterday at 18:42. It is already on the loaner. The damaged laptop is going to our repair partner for assessment; we'll let you know about the repair once they have had a look.",
        ],
        "notes": [
            "Liquid ingress, no power. Do NOT power on. Known Folder Move is active on this device per Intune, checking OneDrive sync status from the admin side.",
            "OneDrive last sync 18:42 yesterday, deck present. Loaner LN-07 imaged and enrolled, handed over at 16:10.",
        ],
        "theory": "Liquid on the mainboard, probably shorted. Data should be safe in OneDrive; the board likely needs replacing. Loaner now, device goes to repair depot.",
        "escalation": {
            "tier": 2,
            "tried": "Confirmed no power, told customer not to power on, checked OneDrive sync status, arranged loaner.",
            "theory": "Liquid damage to keyboard and mainboard.",
            "needs": "Repair or replacement under accidental damage cover and return of the unit within a week if possible.",
        },
        "vendor": "Ironbark Hardware Repair",
        "resolution": "Ironbark replaced the mainboard and keyboard assembly under the accidental damage cover. SSD was unaffected. Laptop re-imaged, returned to the customer, loaner LN-07 collected and wiped.",
    },
    {
        "subject": "External monitors flicker and go black on the docking station",
        "symptoms": "Both external screens on the dock flicker every few minutes and sometimes go completely black for a couple of seconds, then come back. Started on Monday. The laptop screen itself is fine. Tried a different power socket, no change. It is really hard to work on spreadsheets like this.",
        "goal": "Work on two external monitors without them dropping out.",
        "category": "hardware",
        "tags": ["docking-station", "monitor", "display"],
        "asset_kind": "monitor",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Swapped the cables like you said and it's been fine for the last hour. Fingers crossed.",
        ],
        "replies": [
            "Sorry to hear that, flickering screens are exhausting. Could you tell me which cable goes from the dock to each monitor (HDMI, DisplayPort or USB-C) and whether the dock was moved recently?",
            "Thanks. The dock firmware was a few versions behind, so I have pushed the update to your laptop; it will install on the next restart. I'd also suggest swapping the HDMI cable for the DisplayPort one I've left on your desk. If the screens drop out again after that, just reply here and we'll swap the dock.",
        ],
        "notes": [
            "Dell WD19S, firmware 01.00.14, current is 01.00.22. Left monitor on an old HDMI cable, right on DP. Flicker on both, so dock more likely than one cable.",
        ],
        "theory": "Outdated dock firmware plus a marginal HDMI cable. Update firmware, replace cable, swap dock if it persists.",
        "escalation": None,
        "vendor": None,
        "resolution": "Dock firmware updated to 01.00.22 and the HDMI cable replaced with DisplayPort. No flicker reported in the following three days; closed after the customer confirmed.",
    },
    {
        "subject": "Keyboard types wrong characters",
        "symptoms": "When typing, the Y and Z are swapped and the @ sign comes out as a quote mark. Customer says it 'just started by itself' after lunch. Cannot type the email address into the delivery portal.",
        "goal": "Type normally again, including email addresses.",
        "category": "hardware",
        "tags": ["keyboard", "layout", "quick-fix"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "That sounds like the keyboard layout has been switched, which happens easily with the Alt and Shift keys pressed together. Look at the bottom right of the screen next to the clock, you should see 'DEU' or 'ENG'. Click it and choose the one you normally use, and you should be back to normal.",
        ],
        "notes": [
            "Second keyboard layout installed, toggled via Left Alt+Shift. Removed the extra layout with the customer on the phone, disabled the hotkey.",
        ],
        "theory": "Accidental keyboard layout switch, not a hardware fault.",
        "escalation": None,
        "vendor": None,
        "resolution": "Keyboard layout switched back, the unused second layout removed and the language hotkey disabled. Fixed during the call in about five minutes.",
    },
    {
        "subject": "Battery lasts under an hour and touchpad is raised",
        "symptoms": "The laptop only lasts about 50 minutes off the charger now, it used to do a full day. The touchpad also feels strange, the left click sticks and the pad seems higher than the case on one side. Laptop is about two years old.",
        "goal": "Have a laptop that lasts through site visits without a charger.",
        "category": "hardware",
        "tags": ["battery", "swollen-battery", "warranty"],
        "asset_kind": "laptop",
        "channel": "web",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Is it dangerous? I have it in my backpack every day.",
        ],
        "replies": [
            "Thank you for the detail about the touchpad, that is important. A raised touchpad usually means the battery underneath has swollen. Please stop charging it, don't carry it in your bag and bring it to the IT desk today. We will give you a replacement laptop to use in the meantime.",
            "The battery has been replaced under warranty and the laptop is ready to collect. The new battery reported 100% health in our test. Thanks for flagging it quickly.",
        ],
        "notes": [
            "powercfg /batteryreport: design capacity 57 Wh, full charge capacity 11 Wh. Visible swelling under touchpad. Unit in warranty, tagged as swollen battery for the courier.",
        ],
        "theory": "Swollen, worn-out battery. Safety issue; take out of service and replace under warranty.",
        "escalation": {
            "tier": 2,
            "tried": "Pulled battery report, confirmed 19% of design capacity, checked warranty status, took device out of use.",
            "theory": "Swollen lithium battery.",
            "needs": "Battery replacement under warranty; courier must be told it is a swollen cell.",
        },
        "vendor": "Ironbark Hardware Repair",
        "resolution": "Battery replaced under warranty by Ironbark on site. Touchpad sits flush again, battery report shows full design capacity. Device returned to the customer.",
    },
    {
        "subject": "PC clicking and extremely slow, disk warning at startup",
        "symptoms": "Computer has been making a quiet ticking noise for a week and now takes about ten minutes to start. This morning a black screen said something about 'SMART status bad, backup and replace'. Pressed F1 to continue and it started eventually. Files open very slowly. All the scanned delivery notes are on this machine.",
        "goal": "Keep working without losing the scanned delivery notes.",
        "category": "hardware",
        "tags": ["hard-disk", "smart", "backup"],
        "asset_kind": "desktop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Ok I won't turn it off. It's very slow, just so you know.",
        ],
        "replies": [
            "Please leave the PC switched on and avoid restarting it for now; a failing disk sometimes does not come back after a restart. I'm starting a copy of your local files to the file server right now, which will take a while.",
            "Your files are safely on the file server under your personal folder, and we have replaced the disk with a new SSD. The PC should now start in well under a minute. Everything is back where it was, but please let us know if anything is missing.",
        ],
        "notes": [
            "CrystalDiskInfo: Caution, reallocated sectors 1,184 and rising, pending 96. HDD, not SSD. Robocopy of D: scans running to home share, about 38 GB.",
            "Copy finished with 3 unreadable files (thumbs.db, two temp files). Cloned OS to new 512 GB SSD with ddrescue, booted fine.",
        ],
        "theory": "Mechanical hard disk failing. Get the data off first, then replace with an SSD and clone.",
        "escalation": {
            "tier": 2,
            "tried": "Checked SMART values remotely, started file copy to the home share, told customer not to reboot.",
            "theory": "Failing HDD with growing reallocated sector count.",
            "needs": "Disk replaced and system cloned or rebuilt with no loss of scanned documents.",
        },
        "vendor": None,
        "resolution": "Data copied to the file server (only temp files unreadable), HDD replaced with a 512 GB SSD and the system cloned. Boot time down to about 40 seconds. Scans moved to the shared drive so they are backed up from now on.",
    },
    {
        "subject": "Monitor has a vertical line down the middle",
        "symptoms": "There is a thin pink line running from top to bottom of the monitor, roughly in the middle. It's there even on the startup screen, so not a program. Moving the window doesn't move the line.",
        "goal": "Get the monitor fixed or replaced.",
        "category": "hardware",
        "tags": ["monitor", "rma", "dead-pixels"],
        "asset_kind": "monitor",
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Thanks for the photo, that is very clear. Since the line is visible on the startup screen it is the panel itself rather than the computer. The monitor is still under warranty, so we are arranging a replacement and will swap it at your desk when it arrives, usually within three working days.",
        ],
        "notes": [
            "Line present in monitor OSD menu too, so panel fault. Serial checked, in warranty. RMA raised with advance replacement.",
        ],
        "theory": "Panel column driver fault. Warranty swap.",
        "escalation": {
            "tier": 2,
            "tried": "Confirmed line visible in OSD and on BIOS screen, checked warranty.",
            "theory": "Panel defect.",
            "needs": "Advance replacement monitor.",
        },
        "vendor": "Ironbark Hardware Repair",
        "resolution": "Replacement monitor delivered and swapped at the desk. Faulty unit returned under the RMA.",
    },
    {
        "subject": "Server reports degraded RAID and fan failure",
        "symptoms": "Automated alert from the server management card at 02:14: 'Virtual disk 0 degraded' and 'Fan 4 RPM below threshold'. Office manager forwarded it in the morning and says the server room is noticeably louder than usual. Everyone can still open files.",
        "goal": "Keep the file and practice server running without data loss.",
        "category": "hardware",
        "tags": ["server", "raid", "idrac", "fan"],
        "asset_kind": "server",
        "channel": "email",
        "urgency": 1,
        "impact": 1,
        "customer_messages": [
            "Is there anything I need to tell staff? Should they save everything locally?",
        ],
        "replies": [
            "Thanks for forwarding the alert straight away. The server is still working normally, but one of its disks has failed and it is running on the remaining copies. Staff don't need to do anything differently. We have ordered a replacement disk and fan from the hardware vendor with next-business-day delivery and checked that last night's backup completed.",
            "Both parts have been replaced and the disk array has finished rebuilding. The server is fully healthy again and the noise should be back to normal.",
        ],
        "notes": [
            "iDRAC: PD 0:1:2 failed, VD0 RAID5 degraded. Fan4 at 0 RPM, others ramped to compensate. Last Veeam job 01:00 success, verified restore point.",
            "Disk hot-swapped 11:20, rebuild running, ETA 6 h. Fan replaced same visit.",
            "Rebuild complete 17:48, VD0 optimal. Set up alert to our queue as well, not just the office manager.",
        ],
        "theory": "Single disk failure in RAID5 plus an unrelated dead fan. Risk of second disk failure, so replace quickly and confirm backups.",
        "escalation": {
            "tier": 3,
            "tried": "Read the alert, confirmed users unaffected, checked backup status.",
            "theory": "Failed member disk and failed fan; array degraded but online.",
            "needs": "Replacement disk and fan on site within one business day, rebuild monitored.",
        },
        "vendor": "Ironbark Hardware Repair",
        "resolution": "Failed disk and fan 4 replaced by Ironbark under the service contract. RAID5 rebuild completed the same day, virtual disk optimal. Alerts now also go to the help desk queue.",
    },
    {
        "subject": "UPS beeping constantly in the comms cupboard",
        "symptoms": "The box under the network cabinet keeps beeping, one beep every few seconds, and there is a red light with a battery symbol. Reception can hear it all the time. Nothing seems to be down, internet and phones work.",
        "goal": "Stop the beeping and make sure the network stays up during a power cut.",
        "category": "hardware",
        "tags": ["ups", "battery", "comms-room"],
        "asset_kind": "ups",
        "channel": "phone",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Pressed the button with the bell and it went quiet, thank you!! The red light is still on.",
        ],
        "replies": [
            "Thank you for calling it in. The red battery light means the UPS has failed its self-test and its batteries need replacing. You can silence the alarm by holding the button with the bell symbol for two seconds. Everything keeps running normally, but it would not protect the equipment during a power cut, so we are ordering a battery pack now.",
            "The new battery pack is installed and the UPS passed its self-test. The red light is off and runtime is back to about 35 minutes at current load.",
        ],
        "notes": [
            "Replace-battery fault, self-test failed. Unit out of warranty but batteries are consumables anyway. Ordered RBC pack, alarm muted over the phone.",
        ],
        "theory": "End-of-life battery cartridge after about four years. Replace the cartridge, no need to replace the unit.",
        "escalation": None,
        "vendor": None,
        "resolution": "Battery cartridge replaced, self-test passed, estimated runtime 35 minutes. Next battery replacement reminder set for three years from now.",
    },
    {
        "subject": "Rugged tablet screen cracked, touch not working",
        "symptoms": "Dropped the tablet off the forklift onto concrete. Screen is cracked across the corner and the bottom third doesn't respond to touch any more, so they can't tap 'Confirm' on the scanning app. Still turns on.",
        "goal": "Keep scanning pallets on the afternoon shift.",
        "category": "hardware",
        "tags": ["tablet", "screen", "accidental-damage"],
        "asset_kind": "tablet",
        "channel": "on-site",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "I've swapped you onto the spare tablet from the shelf in the dock office and signed it into the scanning app, so you are good to go for the afternoon shift. The broken one goes off for a screen replacement.",
            "The repaired tablet is back. We've left the spare in place for now; let us know when it suits you to swap back.",
        ],
        "notes": [
            "Digitizer dead in bottom third, LCD intact. Spare T-03 enrolled in MDM, kiosk profile applied. Damaged unit bagged for courier.",
        ],
        "theory": "Physical damage to the glass and digitizer. Replace the screen assembly; spare covers the shift.",
        "escalation": {
            "tier": 2,
            "tried": "Swapped user onto spare tablet, confirmed scanning app works, logged damage with photos.",
            "theory": "Broken digitizer after a drop.",
            "needs": "Screen assembly replacement and return of the tablet.",
        },
        "vendor": "Ironbark Hardware Repair",
        "resolution": "Screen assembly replaced by Ironbark, touch tested across the whole panel. Spare tablet remains in service; repaired unit kept as the new spare.",
    },
    {
        "subject": "Mouse pointer jumps and lags",
        "symptoms": "Wireless mouse is 'drunk', it jumps around and sometimes freezes for a second. New batteries did not help. Only started since the new desk setup last week.",
        "goal": "Use the mouse normally.",
        "category": "hardware",
        "tags": ["mouse", "wireless", "usb"],
        "asset_kind": "desktop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "It's plugged into the back of the computer which is under the desk, next to the blue ones",
            "Wow ok that actually fixed it. Thanks!",
        ],
        "replies": [
            "Where is the little USB receiver for the mouse plugged in at the moment?",
            "The blue ports are USB 3, and they can interfere with wireless mice, especially with the metal desk in the way. Could you move the receiver to one of the front ports of the computer, or use the extension cable that came in the box so the receiver sits on the desk?",
        ],
        "notes": [
            "2.4 GHz receiver next to USB 3 ports behind a steel desk panel. Classic interference. Moved to front port.",
        ],
        "theory": "Radio interference from USB 3 ports and distance from the receiver.",
        "escalation": None,
        "vendor": None,
        "resolution": "Receiver moved to a front USB 2 port on the PC. Pointer smooth again, confirmed by the customer in chat.",
    },
    {
        "subject": "Document scanner pulls in several pages at once",
        "symptoms": "When scanning a stack, the scanner grabs two or three sheets at a time and then stops with 'multifeed detected'. Scanning single pages works. They scan about 300 pages a day of client files so this is slowing them down a lot.",
        "goal": "Batch-scan client files without feeding pages one by one.",
        "category": "hardware",
        "tags": ["scanner", "rollers", "multifeed"],
        "asset_kind": "scanner",
        "channel": "phone",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "That is almost always worn or dirty rollers. The scanner's counter shows it has passed the point where the rollers should be replaced, so I have ordered a new roller kit; it should arrive on Thursday. In the meantime, cleaning the rollers with a lint-free cloth and a little isopropyl alcohol usually helps for a few days.",
            "The new roller kit is fitted and I ran a 50-page test stack without a single multifeed. You should be back to full speed.",
        ],
        "notes": [
            "Roller counter 212k pages, replacement interval 200k. Ordered consumable kit, cleaned rollers in the meantime.",
        ],
        "theory": "Pick and brake rollers worn beyond service life.",
        "escalation": None,
        "vendor": None,
        "resolution": "Roller kit replaced and the counter reset. 50-page test batch scanned without multifeeds.",
    },
    # ------------------------------------------------------------------ software
    {
        "subject": "Excel closes when opening the monthly cost report",
        "symptoms": "Every time the customer opens the monthly cost report workbook, Excel freezes for a few seconds and then disappears without any message. Other workbooks open fine. Colleagues can open the same file from the shared drive without problems. It worked last month.",
        "goal": "Open and finish the monthly cost report before the finance deadline on Friday.",
        "category": "software",
        "tags": ["excel", "crash", "add-in"],
        "asset_kind": "desktop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Deadline is Friday noon, so I would really appreciate it if this could be looked at today.",
        ],
        "replies": [
            "Thanks for the details, especially that colleagues can open the same file. That points to something on your PC rather than the file. Could you try opening Excel in safe mode: hold Ctrl while you click the Excel icon and say Yes when it asks. Then open the report from the shared drive and let me know what happens.",
            "We've found the culprit: an old PDF add-in was crashing when it read one of the charts in the report. I have disabled it and the file opens normally now. You can still save to PDF using File, Save As.",
        ],
        "notes": [
            "Opens fine in safe mode, so add-in. Event log: Faulting module pdfmaker.xll. Passing to L2 to confirm and check whether the add-in is needed anywhere else.",
            "Legacy PDF COM add-in from an old Acrobat install. Disabled via policy for this machine, uninstalled leftover package. Other 4 machines in finance have the same add-in; raised change to remove.",
        ],
        "theory": "Faulty add-in crashing on load of a specific chart type. Confirm with safe mode, then disable the add-in.",
        "escalation": {
            "tier": 2,
            "tried": "Safe mode test (works), checked event log, confirmed other users can open the file.",
            "theory": "Old PDF add-in crashing Excel when loading this workbook.",
            "needs": "Open the cost report reliably before Friday's deadline.",
        },
        "vendor": None,
        "resolution": "Crashing legacy PDF add-in disabled and uninstalled. Workbook opens normally. Change raised to remove the same add-in from the other finance PCs.",
    },
    {
        "subject": "Acrobat keeps asking to sign in and says trial expired",
        "symptoms": "Adobe Acrobat pops up 'Your trial has ended' every time a PDF is opened and wants an Adobe login. The customer just needs to fill in and sign PDF forms for suppliers. Was working until last week, they got a new laptop on Monday.",
        "goal": "Fill in and sign supplier PDF forms.",
        "category": "software",
        "tags": ["acrobat", "license", "activation"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "I don't have an Adobe account, do I need one?",
        ],
        "replies": [
            "You do, but it is your normal work email and password; no separate account is needed. Your licence wasn't assigned to you when the new laptop was set up. I've just assigned it, so please close Acrobat, open it again and sign in with your work email when asked.",
        ],
        "notes": [
            "User had no Acrobat Pro seat in the admin console, previous seat was released when the old laptop was retired. Assigned from pool, 3 left.",
        ],
        "theory": "Licence seat not reassigned after device swap.",
        "escalation": None,
        "vendor": None,
        "resolution": "Acrobat Pro licence reassigned to the user; signed in with work account and the trial message is gone. Added the licence step to the device-swap checklist.",
    },
    {
        "subject": "Software request: 7-Zip and draw.io for project work",
        "symptoms": "Web request form: 'Need to open .7z files sent by a supplier and make process diagrams. Can you install 7-Zip and draw.io desktop please. My manager said it's fine.'",
        "goal": "Open compressed archives from suppliers and draw process diagrams.",
        "category": "software",
        "tags": ["software-request", "install", "approval"],
        "asset_kind": "laptop",
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Manager approval forwarded to you just now.",
        ],
        "replies": [
            "Both are on our approved software list, so no problem at all. We only need your manager's approval in writing; could you forward their OK to this ticket?",
            "Both apps are now available in the Company Portal under 'Utilities'. Click Install on each and they will be ready in a couple of minutes. Let us know if anything doesn't show up.",
        ],
        "notes": [
            "Both in the standard catalogue. Added user to the app deployment group after approval arrived.",
        ],
        "theory": "Standard catalogue request; needs manager approval, then assign via Company Portal.",
        "escalation": None,
        "vendor": None,
        "resolution": "Manager approval received, user added to the 7-Zip and draw.io deployment groups. Customer installed both from Company Portal.",
    },
    {
        "subject": "Blue screen several times a day since driver update",
        "symptoms": "Laptop shows a blue screen with 'DRIVER_IRQL_NOT_LESS_OR_EQUAL' and restarts, three or four times a day, usually when plugged into the dock. It began after Windows installed updates on Tuesday. Lost unsaved work twice.",
        "goal": "Work all day without the laptop crashing.",
        "category": "software",
        "tags": ["bsod", "driver", "windows-update", "dock"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "It happened again right after I hung up.",
        ],
        "replies": [
            "I'm sorry, losing work is really frustrating. I've collected the crash information from your laptop and passed it to our second-line team, who can see which driver is at fault. Until then, turning on AutoSave in Word and Excel will protect your documents.",
            "We've rolled back the network adapter driver that arrived with Tuesday's updates and paused that specific update for now. You should not see the blue screen again. If it does happen, please call us straight away so we can look at the new crash file.",
        ],
        "notes": [
            "Three minidumps since Tuesday, all bugcheck 0xD1. L1 can't analyse dumps, escalating.",
            "WinDbg: faulting module is the USB-C dock Ethernet driver. Driver pushed with the quality update. Rolled back to previous version, hid update via Intune ring. Watching the other devices with this dock.",
        ],
        "theory": "Faulty driver installed by Windows Update, triggered by the dock's network adapter. Analyse the dump, roll back the driver.",
        "escalation": {
            "tier": 2,
            "tried": "Collected minidumps, checked update history, enabled AutoSave for the user.",
            "theory": "New driver from Tuesday's updates, likely dock related since crashes happen when docked.",
            "needs": "Stable laptop without crashes; she is losing work.",
        },
        "vendor": None,
        "resolution": "Dock Ethernet driver rolled back and the update blocked for this model until a fixed version is released. No further crashes in a week.",
    },
    {
        "subject": "PC painfully slow every morning",
        "symptoms": "From switching on it takes 'forever', about 15 minutes before Outlook and the browser are usable. After lunch it is OK. The PC is about four years old. Customer is on the front desk and the first patients arrive at 8.",
        "goal": "Have the PC ready to use within a few minutes of arriving.",
        "category": "software",
        "tags": ["slow-pc", "startup", "performance"],
        "asset_kind": "desktop",
        "channel": "remote",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Much better this morning! Ready in about 3 minutes.",
        ],
        "replies": [
            "I connected to your PC with your permission and found a few things slowing it down: several programs starting automatically that you don't use, a nearly full disk, and a large update that kept retrying each morning. I've cleaned these up. Could you let us know how it feels tomorrow morning?",
        ],
        "notes": [
            "C: 96% full, 11 startup items incl. two printer utilities and an old Skype. Feature update failing with 0x80070070 (disk space). Cleared 34 GB (temp, old update files, Downloads duplicates with user's OK), disabled startup junk, update installed.",
        ],
        "theory": "Low disk space causing a failed update loop each boot, plus too many startup programs.",
        "escalation": None,
        "vendor": None,
        "resolution": "Freed 34 GB, trimmed startup programs, pending feature update completed. Customer confirms the PC is usable about 3 minutes after switching on.",
    },
    {
        "subject": "Teams stuck on the loading screen",
        "symptoms": "Teams opens but just shows the spinning logo and never loads. Restarted the laptop twice. Web version in the browser works. Has a team meeting in 30 minutes.",
        "goal": "Join the team meeting from the Teams app.",
        "category": "software",
        "tags": ["teams", "cache", "quick-fix"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "That did it. Thanks for the quick help.",
        ],
        "replies": [
            "You can join from the web version for now if you need to. To fix the app, please quit Teams completely (right-click the icon near the clock, then Quit), and I'll clear its cache from here. Tell me when it's closed.",
            "Done. Please open Teams again; the first start takes a minute or two while it rebuilds.",
        ],
        "notes": [
            "Corrupt new Teams cache. Reset the app package via remote shell, user signed in again fine.",
        ],
        "theory": "Corrupted Teams cache after an update.",
        "escalation": None,
        "vendor": None,
        "resolution": "Teams app cache reset, app loads normally. Customer made it into the meeting.",
    },
    {
        "subject": "Windows update stuck at 30% for hours",
        "symptoms": "Left the laptop on overnight because it said 'Working on updates, 30%, don't turn off your computer'. This morning it still says 30%. Scared to switch it off in case it breaks.",
        "goal": "Get the laptop working again for the day.",
        "category": "software",
        "tags": ["windows-update", "stuck", "boot"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Good call asking first. After this long it is safe to hold the power button for ten seconds to switch it off, then start it again. Windows will usually undo the update and start normally. Could you try that while I stay on the line?",
            "Great, you're back in. The update rolled back as expected; we'll install it again from our side tonight, and I've made sure it will be retried while the laptop is on the charger.",
        ],
        "notes": [
            "Cumulative update hung at 30%. Hard reset, rollback completed. Disk has 4 GB free, likely cause. Cleared temp and WinSxS cleanup, 21 GB free now, update re-queued.",
        ],
        "theory": "Update failed due to low free space; safe to hard reset after this long and let it roll back.",
        "escalation": None,
        "vendor": None,
        "resolution": "Hard reset, update rolled back, disk space freed. Update installed successfully the following night.",
    },
    {
        "subject": "Low disk space warning, cannot save files",
        "symptoms": "Red bar on the C: drive in File Explorer and a warning 'You're running out of space on this PC'. Excel just refused to save: 'Document not saved. Disk is full.' Has a lot of video recordings from site inspections.",
        "goal": "Save work again and keep the site videos.",
        "category": "software",
        "tags": ["disk-full", "onedrive", "storage"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "The videos are in a folder on the desktop called Site visits. About 60 of them.",
            "OK, I can see the cloud icons now. And Excel saved. Thanks!",
        ],
        "replies": [
            "We can fix that without deleting any videos. The easiest option is to keep them in OneDrive and let Windows only download them when you open them. Do you know roughly where the videos are stored?",
            "I've turned on 'Files On-Demand' and set the Site visits folder to online-only once it has uploaded. You'll see a small cloud icon next to them; double-click any video and it downloads when you need it. You now have 87 GB free.",
        ],
        "notes": [
            "256 GB SSD, 2 GB free. Site visits folder on Desktop = 104 GB of MP4. Desktop is under OneDrive KFM, so set folder to free up space after upload.",
        ],
        "theory": "Local video files filling a small SSD. Use OneDrive Files On-Demand rather than deleting.",
        "escalation": None,
        "vendor": None,
        "resolution": "Site visit videos set to online-only in OneDrive after upload completed. 87 GB free, Excel saves normally.",
    },
    {
        "subject": "OneDrive sync error on old project folder: access denied",
        "symptoms": "OneDrive shows a red cross and says it can't sync 1,204 items. Clicking on the error shows 'Error [0x80070005]: Access is denied' for files under C:\\Users\\Public\\[old]\\Projects\\. The customer moved that folder into OneDrive from a USB drive last week so it would be backed up. New files sync fine, just not that folder.",
        "goal": "Have the old project archive backed up in OneDrive like everything else.",
        "category": "software",
        "tags": ["onedrive", "sync", "permissions"],
        "asset_kind": "laptop",
        "channel": "web",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Screenshot attached. The folder really is just old drawings, nothing special.",
        ],
        "replies": [
            "Thanks for the screenshot, that helps a lot. The files came over from the USB drive with permissions that OneDrive isn't allowed to read. We need to reset the permissions on that folder, which our second-line team will do remotely. No files will be changed or deleted.",
            "The permissions have been reset and OneDrive has started uploading the folder; it will take a few hours for all 1,204 files. The red cross should turn into the usual blue cloud once it's done.",
        ],
        "notes": [
            "Files copied with explicit ACLs from an old domain SID, inheritance off. User not owner. Escalating, needs admin to take ownership.",
            "takeown plus icacls reset on the folder tree, inheritance re-enabled. OneDrive resumed, 1,204 items queued. Also moved folder out of Public into the user's OneDrive path.",
        ],
        "theory": "Foreign ACLs from the old USB copy block OneDrive. Take ownership, reset inheritance, resync.",
        "escalation": {
            "tier": 2,
            "tried": "Restarted OneDrive, checked that other folders sync, read the error details.",
            "theory": "Old NTFS permissions on the copied folder deny access to the user.",
            "needs": "Archive backed up to OneDrive with no files lost.",
        },
        "vendor": None,
        "resolution": "Ownership taken and permissions reset on the project archive; folder moved into the user's OneDrive. All 1,204 items synced by the next morning.",
    },
    {
        "subject": "Screen sharing in Teams shows a black screen to others",
        "symptoms": "When sharing the screen in Teams meetings, other participants only see black. The customer can see their own screen normally. Sharing a single window doesn't work either. Happens with the external monitor and without.",
        "goal": "Share the screen in client calls.",
        "category": "software",
        "tags": ["teams", "screen-sharing", "graphics"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Test call worked, my colleague can see everything now.",
        ],
        "replies": [
            "Let's try something quick: in Teams, go to Settings, then General, and tick 'Disable GPU hardware acceleration' if you see it, then restart Teams. Also, which app were you sharing when it was black?",
            "I have also updated the graphics driver on your laptop, which was quite old. Could you do a quick test call with a colleague?",
        ],
        "notes": [
            "Intel graphics driver from 2021. Updated via vendor update tool. Sharing works now.",
        ],
        "theory": "Outdated graphics driver breaking screen capture. Update driver.",
        "escalation": None,
        "vendor": None,
        "resolution": "Graphics driver updated; screen sharing works in a test call.",
    },
    {
        "subject": "Practice management software: database connection failed for all users",
        "symptoms": "Since about 8:05 nobody at the clinic can log in to the practice management software. It shows 'Cannot connect to database server, please contact your administrator'. The waiting room is filling up and they can't see the appointment list or patient records. Internet works.",
        "goal": "Get the appointment book and patient records back before the morning list builds up.",
        "category": "software",
        "tags": ["line-of-business", "sql", "outage", "server"],
        "asset_kind": "server",
        "channel": "phone",
        "urgency": 1,
        "impact": 1,
        "customer_messages": [
            "We're printing yesterday's list from the backup PDF for now. Please hurry.",
        ],
        "replies": [
            "We are on it as a priority. Our senior engineer is already connected to the server. In the meantime, the appointment list PDF that is emailed each evening is in the practice manager's inbox, which may help.",
            "Everything is back up. The database service on the server had stopped after an automatic update overnight and didn't start again. We have restarted it and everyone can log in now. We're putting a check in place so this alerts us first in future.",
        ],
        "notes": [
            "All clients affected. Server pingable, RDP OK. SQL Server service stopped. Escalating immediately, P1.",
            "Service failed to start after cumulative update: tempdb path on D: unavailable because D: came up after SQL. Set service to delayed start, started manually 08:41. Added service monitor to RMM.",
        ],
        "theory": "SQL service stopped on the server after an overnight reboot. Start the service, find out why it didn't come up.",
        "escalation": {
            "tier": 3,
            "tried": "Confirmed all users affected, server reachable, database service stopped.",
            "theory": "Database service failed after an overnight update reboot.",
            "needs": "Practice software back within the hour; clinic is running on paper.",
        },
        "vendor": None,
        "resolution": "SQL Server service set to delayed start and started; users back in at 08:41. Monitoring now alerts if the service stops.",
    },
    # ------------------------------------------------------------------ network
    {
        "subject": "Laptop will not connect to office Wi-Fi after update",
        "symptoms": "Since the laptop restarted for updates yesterday evening it won't join the office Wi-Fi. It sees the network, asks for nothing, then says 'Can't connect to this network'. Phone connects fine in the same spot. Cable at the desk works, but the customer moves between meeting rooms all day.",
        "goal": "Use the laptop on Wi-Fi in meeting rooms again.",
        "category": "network",
        "tags": ["wifi", "windows-update", "802.1x", "certificate"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Still the same after the restart. Plugged in with the cable for now.",
        ],
        "replies": [
            "Thanks for trying the restart. The office Wi-Fi signs in using a certificate on your laptop, and it looks like that certificate wasn't renewed properly after the update. Please leave the laptop connected by cable for a few minutes so it can fetch a new one, then restart it once more.",
            "Your laptop now has a fresh certificate and connects to the Wi-Fi in the meeting rooms. Sorry for the hassle.",
        ],
        "notes": [
            "NPS log: reason code 16, client cert expired yesterday. Auto-enrolment hadn't run since the device was off site for two weeks. Forced gpupdate and certutil -pulse over cable, new cert issued.",
        ],
        "theory": "Expired machine certificate for 802.1X Wi-Fi; renewal didn't run while off network. Renew over wired connection.",
        "escalation": None,
        "vendor": None,
        "resolution": "Machine certificate renewed over the wired connection. Laptop joins the corporate Wi-Fi again; checked in two meeting rooms.",
    },
    {
        "subject": "Whole office has no internet",
        "symptoms": "Nobody in the office can get online since about 10:20. Card terminals are offline too, which means they can only take cash. The router in the cupboard has a red 'Internet' light; everything else looks normal. They already switched it off and on again.",
        "goal": "Get the office and card terminals back online.",
        "category": "network",
        "tags": ["outage", "isp", "router", "fibre"],
        "asset_kind": "router",
        "channel": "phone",
        "urgency": 1,
        "impact": 1,
        "customer_messages": [
            "Any update? We've had to turn away two customers who had no cash.",
            "It's back!! Card machine working. Thank you.",
        ],
        "replies": [
            "Thanks for already restarting the router. We can see the fibre line itself is down, so it is not something on your side. We've opened a fault with your internet provider as urgent and they have promised an engineer update within four hours. As a stopgap, the card terminals can run on their built-in mobile data: hold the menu key and choose 'Network', then '4G'.",
            "Your provider found a damaged fibre in a street cabinet nearby after roadworks and has repaired it. The router is back online and we can see the card terminals connected. We'll keep the ticket open until tomorrow to make sure it stays stable.",
        ],
        "notes": [
            "WAN down, PON light red on ONT. Not our config. Other customers on the same street reporting on the ISP status page. Fault opened with Bluefin, ref given on phone.",
            "Bluefin: fibre cut at cabinet, contractor damage. Restored 13:55. WAN up, latency normal.",
        ],
        "theory": "Fibre outage on the provider's side (red PON/Internet light, other customers affected). Escalate to ISP, offer 4G fallback for card terminals.",
        "escalation": {
            "tier": 2,
            "tried": "Router restart by customer, checked WAN status remotely, confirmed ONT shows loss of signal.",
            "theory": "ISP line fault.",
            "needs": "Internet and card payments restored today; shop is losing sales.",
        },
        "vendor": "Bluefin Fibre",
        "resolution": "Bluefin repaired a fibre cut at the street cabinet; service restored at 13:55. Card terminals reconnected. Stable overnight, closed the next day.",
    },
    {
        "subject": "VPN connects but file server is unreachable",
        "symptoms": "Working from home. The VPN says 'Connected' with a green tick, but the S: drive shows a red cross and opening \"the intranet\" times out. Email and Teams work. Same problem since yesterday, colleague working from home has no issue.",
        "goal": "Open files on the S: drive from home.",
        "category": "network",
        "tags": ["vpn", "dns", "remote-work"],
        "asset_kind": "laptop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "My home router is new, the internet company swapped it on Monday.",
        ],
        "replies": [
            "Thanks, that's a helpful detail. Your new home router uses the same address range as our office network, so your laptop gets confused about where to send traffic for the file server. The simplest fix is to change the home router's range; if you'd rather not touch it, we can set up a workaround on your laptop. Which would you prefer?",
            "I've applied the workaround on your laptop so it always sends office traffic through the VPN. Please disconnect and reconnect the VPN and try the S: drive again.",
        ],
        "notes": [
            "Home LAN 192.168.10.0/24 overlaps with office server VLAN. Split tunnel route loses to the local connected route. Pushed a more specific route for the file server and DNS via the VPN profile for this user.",
        ],
        "theory": "Home network address range overlaps the office subnet after router swap.",
        "escalation": None,
        "vendor": None,
        "resolution": "Address overlap worked around with specific routes in the user's VPN profile. S: drive and intranet reachable from home. Customer told how to change the home router range if it happens again.",
    },
    {
        "subject": "Windows says another device has the same IP address",
        "symptoms": "A message popped up: 'Windows has detected an IP address conflict'. Then the network dropped. It came back after a few minutes, but it has happened three times today. The new label printer was installed this morning near the desk.",
        "goal": "Stop the network dropping out.",
        "category": "network",
        "tags": ["dhcp", "ip-conflict", "static-ip"],
        "asset_kind": "desktop",
        "channel": "phone",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "That fits with the new printer: it was probably given a fixed address that our network also hands out to computers. We'll give the printer its own reserved address so the two never clash again.",
        ],
        "notes": [
            "New label printer configured with static .45, inside the DHCP pool. Desktop holds lease .45. Moved printer to reservation .210 outside pool, updated the print server port.",
        ],
        "theory": "Static IP on the new printer inside the DHCP scope.",
        "escalation": None,
        "vendor": None,
        "resolution": "Printer moved to a DHCP reservation outside the pool and the print queue updated. No further conflicts.",
    },
    {
        "subject": "Wi-Fi keeps dropping in the back half of the warehouse",
        "symptoms": "Handheld scanners lose Wi-Fi in aisles 14 to 22 and the scanning app shows 'offline, retrying'. Pickers have to walk back to the front to sync. Started after the new racking was put in two weeks ago. Front of the building is fine.",
        "goal": "Scan stock in every aisle without losing connection.",
        "category": "network",
        "tags": ["wifi", "coverage", "access-point", "warehouse"],
        "asset_kind": "access-point",
        "channel": "web",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "The new racking is full height metal, goes almost to the ceiling. Before it was only half height.",
        ],
        "replies": [
            "Thanks for the description of the racking, that almost certainly explains it: full-height metal shelving blocks Wi-Fi very effectively. We'd like to do a quick site survey on Thursday morning and then add one or two access points at the back.",
            "The two extra access points are installed and the scanners stayed connected through every aisle in our walk test. Please let us know if any spot still drops.",
        ],
        "notes": [
            "Controller shows clients at -82 to -88 dBm in the back aisles, lots of retries. One AP covering the whole floor, now shadowed by racking.",
            "Survey done. Two APs mounted above aisles 16 and 21, channels 1/6/11 on 2.4 GHz for the scanners. Walk test min -64 dBm.",
        ],
        "theory": "New full-height metal racking blocks coverage from the single AP. Survey and add access points.",
        "escalation": {
            "tier": 2,
            "tried": "Checked controller signal levels for affected scanners, confirmed dead zone matches new racking.",
            "theory": "Coverage hole from metal racking.",
            "needs": "Reliable scanning coverage in aisles 14 to 22.",
        },
        "vendor": None,
        "resolution": "Site survey carried out, two access points added at the back of the warehouse. Walk test shows at least -64 dBm in every aisle; no more offline messages.",
    },
    {
        "subject": "Internet very slow every afternoon",
        "symptoms": "From about 2 pm until 5 the internet crawls. Video calls freeze and uploading to the client portal takes ages. Mornings are fine. This has been going on for about three weeks. Speed test in the afternoon shows 4 Mbps down instead of the usual 100.",
        "goal": "Have usable internet for calls and uploads all day.",
        "category": "network",
        "tags": ["isp", "bandwidth", "line-errors"],
        "asset_kind": "router",
        "channel": "email",
        "urgency": 3,
        "impact": 2,
        "customer_messages": [
            "Speed test screenshots from 10 am and 3 pm attached.",
        ],
        "replies": [
            "Thanks for the screenshots. We checked whether something inside the office uses up the bandwidth in the afternoons (backups, large updates) and it doesn't: traffic is low. The line itself shows errors, so we have raised a fault with your internet provider.",
            "The provider found a faulty port on their equipment serving your street and moved your line to a new one. Afternoon speed tests over the last three days are back to around 95 Mbps.",
        ],
        "notes": [
            "Router stats: CRC errors climbing after 13:30 daily, no big LAN consumers in NetFlow. Opened fault with Bluefin with graphs.",
            "Bluefin moved us to a new port on the OLT. Error counters flat since.",
        ],
        "theory": "Line or provider-side fault that worsens in the afternoon, not local congestion.",
        "escalation": {
            "tier": 2,
            "tried": "Compared bandwidth usage vs. time of day, checked router line statistics.",
            "theory": "Provider-side line errors in the afternoons.",
            "needs": "Normal speeds in the afternoon for client calls.",
        },
        "vendor": "Bluefin Fibre",
        "resolution": "Bluefin moved the line to a new port after finding a faulty one at their street equipment. Afternoon speeds back to about 95 Mbps, no more line errors.",
    },
    {
        "subject": "Websites won't load but Teams works",
        "symptoms": "Browser says 'This site can't be reached, DNS_PROBE_FINISHED_NXDOMAIN' for every website, including Google. Teams calls still work and Outlook seems OK. Two people in the same room have the same problem, others are fine.",
        "goal": "Browse the web and use the online ordering system.",
        "category": "network",
        "tags": ["dns", "dhcp", "browser"],
        "asset_kind": "desktop",
        "channel": "chat",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "Thanks, the exact error message makes this much quicker. It is a name lookup problem, not the internet itself. We've spotted the cause on our side and are fixing it now; it should clear for you within 10 minutes. Restarting your PC will speed it up.",
        ],
        "notes": [
            "Affected clients have DNS 10.0.0.6 via DHCP, which is the old DC decommissioned yesterday. Scope option 006 still listed it first for the second floor scope. Removed, clients renewing.",
        ],
        "theory": "DHCP handing out a decommissioned DNS server on one scope.",
        "escalation": None,
        "vendor": None,
        "resolution": "Removed the retired DNS server from the DHCP scope options. Affected PCs renewed their lease and browse normally.",
    },
    {
        "subject": "Network socket at new desk doesn't work",
        "symptoms": "Customer moved desks after the team reshuffle. Plugged the PC into the wall socket marked 2.14 and gets no network, the little light on the back of the PC doesn't come on. The old desk worked.",
        "goal": "Get the PC online at the new desk.",
        "category": "network",
        "tags": ["patching", "switch", "desk-move"],
        "asset_kind": "desktop",
        "channel": "on-site",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "The wall socket at your new desk wasn't connected to the network switch in the cupboard. I've patched it now and your PC is online. If anyone else moves desks this week, let us know the socket numbers in advance and we'll patch them before the move.",
        ],
        "notes": [
            "2.14 not patched in the comms cabinet. Patched to switch port Gi1/0/31, access VLAN 20. Link up 1 Gbps.",
        ],
        "theory": "Wall socket not patched to the switch.",
        "escalation": None,
        "vendor": None,
        "resolution": "Socket 2.14 patched to switch port 31 on the staff VLAN. Link up, PC online.",
    },
    {
        "subject": "Visitors can't get the guest Wi-Fi login page",
        "symptoms": "Guests connect to the guest Wi-Fi but the page where they accept the terms never appears, so they have no internet. There is a client workshop tomorrow at 9 with 12 external people.",
        "goal": "Have working guest Wi-Fi for tomorrow's workshop.",
        "category": "network",
        "tags": ["guest-wifi", "captive-portal", "access-point"],
        "asset_kind": "access-point",
        "channel": "chat",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Can you also give me a password I can put on the slides?",
        ],
        "replies": [
            "We'll get that sorted before tomorrow. The splash page's security certificate had expired, which stops phones from showing it. It's renewed now. Could you ask a colleague to try the guest Wi-Fi on their phone?",
            "Of course. For tomorrow I've set up a simple password instead of the splash page, valid until Friday: it's on its way to you by email rather than here, so it doesn't end up in the ticket history.",
        ],
        "notes": [
            "Splash page cert expired 3 days ago, clients silently drop the redirect. Renewed. Also set temporary WPA2 PSK on guest SSID until Friday 18:00 for the workshop.",
        ],
        "theory": "Expired certificate on the captive portal.",
        "escalation": None,
        "vendor": None,
        "resolution": "Captive portal certificate renewed; temporary guest password sent by email for the workshop week. Guest Wi-Fi tested on iOS and Android.",
    },
    # ------------------------------------------------------------------ account
    {
        "subject": "Forgot password after two weeks of holiday",
        "symptoms": "Back from two weeks' leave and can't remember the Windows password. Tried a few times, now it says the account is locked. Has the work phone with them.",
        "goal": "Log in to the PC and start work.",
        "category": "account",
        "tags": ["password", "lockout", "self-service"],
        "asset_kind": None,
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Welcome back! I've verified you with a code sent to your work phone and unlocked your account. I'm sending a one-time password to the same phone now. When you log in you'll be asked to choose a new one, at least 14 characters. A short sentence works well and is easy to remember.",
            "Tip for next time: you can reset your own password from the 'Forgot password' link on the login screen, using the same phone. It's quicker than calling us.",
        ],
        "notes": [
            "Identity verified via SMS code to registered mobile. Unlocked, temp password sent by SMS, must change at next logon. User wasn't registered for SSPR, sent registration link.",
        ],
        "theory": "Forgotten password plus lockout from repeated attempts.",
        "escalation": None,
        "vendor": None,
        "resolution": "Identity verified, account unlocked and temporary password issued. Customer set a new password and registered for self-service reset.",
    },
    {
        "subject": "Account locked out every morning",
        "symptoms": "For the third day in a row the account is locked when the customer arrives at work. After unlocking it's fine all day. Changed the password last week when it expired. Nobody else knows the password, says the customer.",
        "goal": "Stop getting locked out every morning.",
        "category": "account",
        "tags": ["lockout", "active-directory", "stale-credentials"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Oh! I have an old tablet at home that I used to check email on. Never thought of that.",
        ],
        "replies": [
            "I've unlocked the account for today. Something is still trying your old password overnight; our second-line team will trace where the attempts come from.",
            "We've traced it: the failed logins came from a device on your home internet connection using the old password to fetch email. If you update the password on that tablet or remove the work account from it, the lockouts will stop.",
        ],
        "notes": [
            "Lockouts at 03:10, 03:40, 04:10 daily. Source is not an on-prem machine, escalating to trace in sign-in logs.",
            "Entra sign-in logs: Exchange ActiveSync, legacy client, home IP, old credential. Suggested removal. Also flagged legacy auth still allowed for this user group, change request to block.",
        ],
        "theory": "A device still using the old password. Find the source in the lockout and sign-in logs.",
        "escalation": {
            "tier": 2,
            "tried": "Unlocked account, checked the customer's PC and phone for saved credentials, no match.",
            "theory": "Stale credentials on another device after password change.",
            "needs": "End the daily lockouts.",
        },
        "vendor": None,
        "resolution": "Source traced to an old home tablet using the expired password for email. Customer removed the account from the tablet; no lockouts since. Legacy authentication now blocked for the group.",
    },
    {
        "subject": "New phone, can't approve sign-in requests",
        "symptoms": "Got a new phone at the weekend and moved everything over, but the Authenticator app shows no accounts. Now can't sign in to email on the laptop because it wants the number from the app. Old phone was traded in.",
        "goal": "Sign in to email and Teams again.",
        "category": "account",
        "tags": ["mfa", "authenticator", "new-phone"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "No problem, this happens a lot when changing phones. I've verified your identity and removed the old phone from your account. Next time you sign in, you'll be asked to set up the Authenticator app again; just scan the QR code with the new phone and follow the steps.",
        ],
        "notes": [
            "Verified by callback to the desk number plus manager confirmation on Teams. Revoked MFA sessions, required re-registration. User re-registered while on call, sign-in OK.",
        ],
        "theory": "Authenticator not restored on the new phone. Verify identity, require re-registration.",
        "escalation": None,
        "vendor": None,
        "resolution": "Identity verified by callback and manager confirmation. Old MFA method removed; customer registered the Authenticator app on the new phone and signed in.",
    },
    {
        "subject": "New starter on Monday: account, laptop and access",
        "symptoms": "Email from the team manager: new colleague starts Monday in accounts payable. Needs a laptop, email, access to the finance shared folder and the accounting system, same setup as the colleague at the next desk. Full name and personal mobile number are in the HR form attached.",
        "goal": "Have the new starter productive from the first morning.",
        "category": "account",
        "tags": ["onboarding", "new-starter", "provisioning"],
        "asset_kind": "laptop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "One more thing, can they also get a desk phone? Extension doesn't matter.",
        ],
        "replies": [
            "Thanks for the early notice, that gives us plenty of time. We'll set up the account, a laptop and the access you listed, mirroring their colleague. The first-day password will be texted to their personal mobile at 8 am on Monday.",
            "All done: account, mailbox, finance folder, accounting system role and a desk phone on extension 2241. The laptop is on the desk in the starter bag with a one-page 'first morning' guide. Someone from IT will drop by at 9:30 to help with the sign-in and MFA setup.",
        ],
        "notes": [
            "HR form OK, manager approved. Cloned groups from the colleague except their personal Teams and the fire warden list. Accounting role needs vendor-side licence, requested.",
            "Laptop autopilot done, Company Portal apps installed. Desk phone provisioned. Temp password SMS scheduled Monday 08:00.",
        ],
        "theory": "Standard onboarding; mirror groups from a peer, leave out anything personal.",
        "escalation": None,
        "vendor": None,
        "resolution": "Account, mailbox, group memberships, accounting system role, laptop and desk phone ready by Friday. Starter signed in and set up MFA on Monday at 9:30.",
    },
    {
        "subject": "Leaver: disable account and hand over mailbox",
        "symptoms": "HR notification: employee's last day is Friday. Manager asks that email is forwarded to her for 60 days, files on the personal drive moved to the team folder, and the laptop and phone collected.",
        "goal": "Offboard the leaver securely without losing work the team still needs.",
        "category": "account",
        "tags": ["offboarding", "leaver", "mailbox"],
        "asset_kind": "laptop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Please also put an auto-reply on saying who to contact instead.",
        ],
        "replies": [
            "Thanks. We'll disable the account at 17:00 on Friday, set up forwarding to you for 60 days with an automatic reply pointing people to you, and move the files into the team folder. Could you make sure the laptop and phone are handed to reception on Friday afternoon?",
            "Offboarding is complete. The account is disabled, mail is forwarded to you until the date in this ticket, the auto-reply is on and the files are in the team folder under 'Handover'. The laptop and phone were collected and will be wiped and reissued.",
        ],
        "notes": [
            "Scheduled disable Fri 17:00, converted to shared mailbox to free licence, forwarding plus auto-reply set. Home drive moved to team share, permissions inherited. Removed from all groups, revoked sessions, MFA methods cleared.",
            "Devices received at reception, phone unpaired from MDM, laptop queued for wipe.",
        ],
        "theory": "Standard leaver process per HR notification.",
        "escalation": None,
        "vendor": None,
        "resolution": "Account disabled Friday 17:00, mailbox converted to shared with forwarding and auto-reply for 60 days, files moved to the team folder, devices collected for wiping.",
    },
    {
        "subject": "Name change after marriage",
        "symptoms": "Web form: customer got married and changed her surname. Would like her email address and display name changed, and asks whether the old address will still work for clients who have it.",
        "goal": "Have the new surname everywhere without missing email sent to the old address.",
        "category": "account",
        "tags": ["name-change", "email-alias", "directory"],
        "asset_kind": None,
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Thank you! Could you also do the email signature? I always forget where that is.",
        ],
        "replies": [
            "Congratulations! We'll change your display name and give you a new email address with your new surname. The old address will keep working as an alias, so nothing sent to it gets lost. The change takes effect tonight; on your phone you may need to sign in again tomorrow.",
            "Done. Your signature is updated in Outlook on the laptop. On your phone it's under Settings, then Signature, if you'd like to change it there too.",
        ],
        "notes": [
            "HR confirmed the legal name change. Updated UPN and primary SMTP, old address kept as alias. Informed that Teams display name may take 24 h.",
        ],
        "theory": "Standard directory change with HR confirmation; keep the old address as an alias.",
        "escalation": None,
        "vendor": None,
        "resolution": "Display name, username and primary email changed to the new surname, old address kept as alias. Signature updated.",
    },
    {
        "subject": "Payroll portal says 'You can't get there from here'",
        "symptoms": "Trying to open the payroll portal from the laptop at home gives a Microsoft page saying 'You can't get there from here. This application contains sensitive information and can only be accessed from devices or client applications that meet management policy.' Works in the office. Needs to approve timesheets today.",
        "goal": "Approve team timesheets from home before the payroll cutoff.",
        "category": "account",
        "tags": ["sso", "conditional-access", "compliance"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Cutoff is 3 pm.",
        ],
        "replies": [
            "That message means your laptop isn't reported as compliant at the moment, so the payroll portal blocks it outside the office. I'm asking our second-line team to check what's missing. We'll be in touch well before 3.",
            "Your laptop was waiting on a security update before it could be marked compliant. It's installed and the status has refreshed. Please close the browser, open it again and try the payroll portal.",
        ],
        "notes": [
            "Device shows non-compliant in Intune: OS build below minimum after last month's baseline change. Passing to L2.",
            "Installed pending cumulative update remotely, forced sync, compliant at 13:22. Portal access OK.",
        ],
        "theory": "Device non-compliant (OS version), so conditional access blocks the app off-network.",
        "escalation": {
            "tier": 2,
            "tried": "Checked sign-in error details, confirmed device non-compliant in the management console.",
            "theory": "OS build below compliance minimum.",
            "needs": "Access to the payroll portal before 3 pm cutoff.",
        },
        "vendor": None,
        "resolution": "Missing update installed, device marked compliant, payroll portal accessible from home. Timesheets approved before cutoff.",
    },
    {
        "subject": "Mac keeps asking for the old password",
        "symptoms": "Changed the password yesterday. Now the MacBook keeps popping up 'Enter your password for the login keychain' and Wi-Fi asks for the password again and again. Logging in to the Mac itself needs the old password.",
        "goal": "Use one password everywhere on the Mac without the pop-ups.",
        "category": "account",
        "tags": ["macos", "keychain", "password-sync"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "It just asked me to sign in with my work account in a little window. Did that. Pop-ups stopped.",
        ],
        "replies": [
            "This happens when the Mac's own login password doesn't update together with your work password. I've sent a prompt to your Mac so it syncs the new password. Please sign in with your work account when the small window appears, then restart.",
        ],
        "notes": [
            "Platform SSO not yet registered on this Mac, local password out of sync. Triggered registration via MDM; user completed it, keychain password updated.",
        ],
        "theory": "Local Mac password not synced with the directory password.",
        "escalation": None,
        "vendor": None,
        "resolution": "Platform SSO registration completed, local password synced with the work password, keychain prompts stopped after restart.",
    },
    # ------------------------------------------------------------------ email
    {
        "subject": "Outlook stuck on 'Updating inbox', no new mail since yesterday",
        "symptoms": "Outlook on the laptop hasn't shown any new email since yesterday afternoon. The bottom bar says 'Updating Inbox' forever. Colleagues say they've sent things. On the phone the emails are there.",
        "goal": "See and answer new email in Outlook on the laptop.",
        "category": "email",
        "tags": ["outlook", "sync", "ost"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Since your email is arriving on the phone, the mailbox itself is fine and it's only Outlook on the laptop that's stuck. I'm going to rebuild Outlook's local copy of your mailbox. It will take about 20 minutes to download everything again, and you can keep working in the web version meanwhile.",
            "Outlook is up to date again. Could you check that yesterday afternoon's emails are there?",
        ],
        "notes": [
            "Mailbox fine in OWA. OST 48 GB, scanpst not applicable to OST, renamed OST and recreated profile. Sync complete in 25 min.",
        ],
        "theory": "Corrupt or oversized local OST cache. Recreate the profile.",
        "escalation": None,
        "vendor": None,
        "resolution": "Outlook profile recreated with a fresh offline cache and cached mode set to 12 months. New mail syncing, customer confirmed.",
    },
    {
        "subject": "Mailbox full, can't send",
        "symptoms": "Got 'Your mailbox is full' and now can't send anything, emails bounce back to the customer's own inbox. Has about 12 years of emails. Doesn't want to delete anything because of client history.",
        "goal": "Send email again without deleting old client correspondence.",
        "category": "email",
        "tags": ["mailbox-full", "archive", "quota"],
        "asset_kind": "desktop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "So the old emails will still be searchable?",
        ],
        "replies": [
            "You won't have to delete anything. We'll switch on the online archive for your mailbox, which moves older emails into a separate, much larger archive. Sending should work again within the hour, because we've also temporarily raised your limit.",
            "Yes, fully. The archive appears as 'Online Archive' below your normal folders in Outlook, and searching with 'All Mailboxes' selected covers both.",
        ],
        "notes": [
            "49.6 of 50 GB used, ProhibitSendReceive hit. Enabled archive mailbox, retention tag to move items older than 2 years, ran Managed Folder Assistant. Will take a day or two to settle below 30 GB.",
        ],
        "theory": "Quota reached. Enable online archive with auto-archive policy.",
        "escalation": None,
        "vendor": None,
        "resolution": "Online archive enabled with a two-year move policy. Mailbox down to 22 GB; sending works and old mail remains searchable.",
    },
    {
        "subject": "Work email stopped on iPhone after update",
        "symptoms": "After updating the iPhone, the Mail app shows 'Cannot Get Mail, the user name or password is incorrect'. Entered the password several times, no luck. Calendar on the phone also stopped updating.",
        "goal": "Get work email and calendar on the phone.",
        "category": "email",
        "tags": ["mobile", "iphone", "modern-auth"],
        "asset_kind": "phone",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Installed Outlook, signed in, all there. Can I delete the old account from Mail?",
        ],
        "replies": [
            "The built-in Mail app on your phone was using an older sign-in method that we have now switched off for security. The fix is to use the Outlook app from the App Store, which is what we support. Sign in with your work email; you'll get an Authenticator prompt.",
            "Yes, please remove it: Settings, then Mail, then Accounts, choose the work account and Delete Account. Your email stays safe on the server.",
        ],
        "notes": [
            "Native Mail profile using basic auth, blocked by policy. Moved user to Outlook mobile, app protection policy applied.",
        ],
        "theory": "Native mail client still configured with legacy authentication.",
        "escalation": None,
        "vendor": None,
        "resolution": "Customer moved to Outlook for iOS with modern authentication; old Mail profile removed. Email and calendar syncing.",
    },
    {
        "subject": "Assistant can't see partner's calendar",
        "symptoms": "The assistant needs to book meetings for a partner but sees 'You don't have permission to view this calendar' when opening it. This worked before the partner got a new laptop. Partner is travelling this week.",
        "goal": "Manage the partner's diary while they travel.",
        "category": "email",
        "tags": ["calendar", "delegation", "permissions"],
        "asset_kind": None,
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "She's happy for me to have full access to the calendar but NOT her inbox please.",
        ],
        "replies": [
            "We can set that up from our side with the partner's written approval. Could you ask her to reply to this ticket confirming the access she'd like you to have?",
            "Done: you are now a delegate on her calendar with editor rights, and meeting invitations for her will come to you as well. Her inbox stays private. Please restart Outlook and reopen her calendar.",
        ],
        "notes": [
            "Partner's calendar permissions reset when her mailbox was migrated to the new tenant. Approval received by email from the partner. Added delegate Editor on Calendar only, no inbox rights.",
        ],
        "theory": "Delegate permissions lost in the mailbox migration. Restore with owner's approval.",
        "escalation": None,
        "vendor": None,
        "resolution": "Calendar delegate (Editor) access granted to the assistant after written approval from the partner. Inbox not shared.",
    },
    {
        "subject": "Emails to one client bounce with '550 5.7.1 rejected'",
        "symptoms": "Every email to one particular client comes back with 'Remote Server returned 550 5.7.1 Message rejected due to SPF policy'. Emails to everyone else go through. This client is our biggest account and they're waiting for a signed quote.",
        "goal": "Send the signed quote to the client today.",
        "category": "email",
        "tags": ["bounce", "spf", "dns", "deliverability"],
        "asset_kind": None,
        "channel": "email",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Can I just send it from my personal Gmail in the meantime?",
        ],
        "replies": [
            "We understand how urgent this is. Please don't use a personal account for client documents. Our second-line team is fixing the sender record for our domain now; it usually takes effect within an hour. We'll let you know as soon as you can try again.",
            "The record has been corrected. Please send the quote again; the client's server now accepts our mail. We tested it with a message to their postmaster address.",
        ],
        "notes": [
            "NDR from client's gateway, SPF fail. Our SPF record lacks the include for the new e-signature service that sends on our behalf, plus we hit 10 lookups. Escalating.",
            "Flattened SPF, added the e-sign include, lookups now 7. Client gateway strict fails soft-fail; fixed. DMARC reports to be reviewed weekly.",
        ],
        "theory": "SPF record broken (over 10 DNS lookups) after adding a new sending service; strict receiving server rejects.",
        "escalation": {
            "tier": 2,
            "tried": "Checked the bounce, confirmed it only affects one recipient domain, ran SPF lookup test.",
            "theory": "SPF permerror due to too many lookups.",
            "needs": "Signed quote delivered to the client today.",
        },
        "vendor": None,
        "resolution": "SPF record reworked to stay under the lookup limit and include the e-signature service. Mail to the client delivered; quote sent.",
    },
    {
        "subject": "Shared 'orders' mailbox disappeared from Outlook",
        "symptoms": "The shared orders mailbox used to be on the left in Outlook under the personal mailbox. Since this morning it's gone. Colleague still has it. Customer handles the afternoon orders.",
        "goal": "Process afternoon orders from the shared mailbox.",
        "category": "email",
        "tags": ["shared-mailbox", "outlook", "automapping"],
        "asset_kind": None,
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "It's back. Thanks!",
        ],
        "replies": [
            "Your access to the orders mailbox was removed by mistake during a clean-up of old group memberships. I've added it back. It will reappear in Outlook by itself within about 30 minutes, or straight away if you restart Outlook.",
        ],
        "notes": [
            "User removed from the orders-team group in yesterday's access review (wrong row). Re-added, FullAccess with automapping restored.",
        ],
        "theory": "Access removed in a group clean-up.",
        "escalation": None,
        "vendor": None,
        "resolution": "Re-added to the orders team group; shared mailbox back in Outlook. Access review owner informed about the mistake.",
    },
    {
        "subject": "Out-of-office needed for colleague on sick leave",
        "symptoms": "Team lead calls: a colleague went into hospital unexpectedly and will be off for at least three weeks. Clients are emailing her and getting no answer. Can IT put an automatic reply on her mailbox and send a copy of incoming mail to the team lead?",
        "goal": "Make sure clients writing to the absent colleague are redirected.",
        "category": "email",
        "tags": ["out-of-office", "auto-reply", "forwarding"],
        "asset_kind": None,
        "channel": "phone",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Of course, and we hope she recovers quickly. Because this is someone else's mailbox we need HR's OK for the forwarding part; the automatic reply we can set straight away. I've put on a neutral reply saying she's unavailable and giving your email address. HR has been asked to confirm the forwarding.",
        ],
        "notes": [
            "Auto-reply set (internal plus external), no reason given in the text. HR approved forwarding copy to team lead at 14:10, set with keep-copy. Review date in 3 weeks.",
        ],
        "theory": "Standard absence handling; forwarding requires HR approval.",
        "escalation": None,
        "vendor": None,
        "resolution": "Automatic reply set with the team lead as contact; copy forwarding enabled after HR approval. Review reminder set for three weeks.",
    },
    {
        "subject": "Large attachment bounces: message size exceeds limit",
        "symptoms": "Trying to send a 45 MB zip of drawings to a contractor. Outlook says 'The attachment size exceeds the allowable limit'. Need the contractor to have the files by tomorrow.",
        "goal": "Get the drawing set to the external contractor.",
        "category": "email",
        "tags": ["attachment", "size-limit", "onedrive-sharing"],
        "asset_kind": None,
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Sent the link, contractor says it works. Much easier actually.",
        ],
        "replies": [
            "Email can't carry files that large, but there's a better way: save the zip to OneDrive, right-click it, choose Share, type the contractor's email and set it to 'Specific people'. They get a link and a code to open it. You can also set it to expire after a week.",
        ],
        "notes": [
            "Org max send size 35 MB; not raising it. Pointed user to OneDrive external sharing with specific-people links.",
        ],
        "theory": "Attachment larger than mail size limit; use a sharing link instead.",
        "escalation": None,
        "vendor": None,
        "resolution": "Customer shared the files via a OneDrive specific-people link with one-week expiry. Contractor confirmed receipt.",
    },
    {
        "subject": "Outlook search finds nothing",
        "symptoms": "Searching for anything in Outlook returns 'We couldn't find what you're looking for', even for an email received this morning with that exact word in the subject. Used to work.",
        "goal": "Find old emails by searching.",
        "category": "email",
        "tags": ["outlook", "search", "windows-search"],
        "asset_kind": "desktop",
        "channel": "remote",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Tested this morning, search works again.",
        ],
        "replies": [
            "I connected remotely and Windows' search index on your PC was broken, which Outlook relies on. I've started rebuilding it. It takes a few hours, so results may be incomplete until tomorrow morning.",
        ],
        "notes": [
            "Windows Search service running, but index 0 items for Outlook. Rebuilt index from Indexing Options, Outlook added back to indexed locations.",
        ],
        "theory": "Windows Search index corrupt or Outlook removed from indexed locations.",
        "escalation": None,
        "vendor": None,
        "resolution": "Search index rebuilt with Outlook included. Search returns results again.",
    },
    # ------------------------------------------------------------------ printing
    {
        "subject": "Nobody can print, queue shows 37 documents waiting",
        "symptoms": "Since about 9:30 nothing comes out of the main office printer. The print queue shows 37 documents, the first one says 'Error - Printing' and won't cancel. The printer itself shows 'Ready' on its screen. Invoices need to go out before the courier at 12.",
        "goal": "Print the invoices before the courier collection at noon.",
        "category": "printing",
        "tags": ["print-queue", "spooler", "quick-fix"],
        "asset_kind": "printer",
        "channel": "phone",
        "urgency": 1,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "One stuck document is holding up everyone else's. I'm clearing it from the print server now; the rest of the queue should start printing within a minute. Could you tell me when pages start coming out?",
            "Great. The stuck job was a 200-page PDF that the printer couldn't process. If whoever sent it still needs it, printing it in smaller chunks will work.",
        ],
        "notes": [
            "Job 1 on print server in error state, 214 pages, cancel hung. Stopped spooler, deleted the job's SPL/SHD, started spooler. Queue draining.",
        ],
        "theory": "Corrupt first job blocking the queue. Clear the spool and restart the spooler.",
        "escalation": None,
        "vendor": None,
        "resolution": "Corrupt job removed from the spool and the print spooler restarted. Remaining 36 jobs printed; invoices out before noon.",
    },
    {
        "subject": "Printer missing after laptop was reinstalled",
        "symptoms": "Laptop came back from IT reinstalled and now the department printer isn't in the list. 'Add a printer' finds nothing. Other people in the office print fine.",
        "goal": "Print to the department printer again.",
        "category": "printing",
        "tags": ["printer-driver", "deployment", "rebuild"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "It's there now, test page printed.",
        ],
        "replies": [
            "Printers are added automatically based on your office location, and after the reinstall your laptop wasn't put back into the right group. I've fixed that. Please restart your laptop, and the printer should appear within a few minutes of logging in.",
        ],
        "notes": [
            "Device not in the site printer deployment group after re-enrolment. Added, forced sync.",
        ],
        "theory": "Device missing from the printer deployment group after rebuild.",
        "escalation": None,
        "vendor": None,
        "resolution": "Laptop added back to the site printer group; printer deployed with driver, test page printed.",
    },
    {
        "subject": "Scan to email stopped working on the copier",
        "symptoms": "The copier scans but the email never arrives. The copier screen shows 'Send failed: authentication error' after a few seconds. Scanning to a USB stick still works. Reception scans all incoming post so this affects several people.",
        "goal": "Scan incoming post to email again.",
        "category": "printing",
        "tags": ["scan-to-email", "smtp", "mfp"],
        "asset_kind": "printer",
        "channel": "email",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Still failing this morning. We're taking photos of letters with our phones meanwhile, which is not ideal.",
        ],
        "replies": [
            "Thanks for the exact error, that tells us it's the login to our mail service that fails, not the scanner. Our second-line team is looking at it today.",
            "Fixed. The copier was still using an older mail login method that was switched off last week. We've changed it to send through our secure mail relay instead. Please try a scan and let us know if it arrives.",
        ],
        "notes": [
            "Device uses SMTP AUTH with a service account, basic auth disabled tenant-wide last Tuesday. Copier firmware doesn't support OAuth.",
            "Set up connector-based relay for the office public IP, copier pointed at the MX endpoint port 25, no auth. Test scan received. Disabled the old service account.",
        ],
        "theory": "SMTP basic authentication disabled; copier can't do modern auth. Move to an IP-based relay.",
        "escalation": {
            "tier": 2,
            "tried": "Checked copier SMTP settings, confirmed service account password unchanged, tested sending from the device.",
            "theory": "Legacy SMTP authentication blocked by mail tenant change.",
            "needs": "Scan to email restored for reception.",
        },
        "vendor": None,
        "resolution": "Copier reconfigured to send through an IP-restricted mail connector. Scan to email working, old service account disabled.",
    },
    {
        "subject": "Label printer prints blank or faded shipping labels",
        "symptoms": "The shipping label printer prints labels where half the text is missing or very faint, so the carrier's scanner can't read the barcodes. Cleaned it with the pen from the box, got slightly better for an hour. About 200 parcels to go out today.",
        "goal": "Print readable shipping labels for today's dispatch.",
        "category": "printing",
        "tags": ["label-printer", "printhead", "thermal"],
        "asset_kind": "printer",
        "channel": "phone",
        "urgency": 1,
        "impact": 2,
        "customer_messages": [
            "Using the spare for now but it's slow and jams.",
        ],
        "replies": [
            "That's a printhead problem, and since cleaning only helped briefly it's most likely worn out. Please switch to the spare printer for today's labels. I've contacted our print service partner to replace the printhead.",
            "The technician has replaced the printhead and calibrated the printer. Labels are sharp again and scan fine. Please move back to the main printer; the spare can go back on the shelf.",
        ],
        "notes": [
            "Printer odometer 1.9 km on current head, rated life about 1.6 km. Dead dots visible in the test label pattern. Escalated for onsite printhead swap.",
        ],
        "theory": "Printhead worn beyond rated life (dead dots).",
        "escalation": {
            "tier": 2,
            "tried": "Head cleaning, darkness adjusted, test label shows vertical voids, spare printer set up.",
            "theory": "Worn printhead.",
            "needs": "Main label printer working for dispatch volume by tomorrow.",
        },
        "vendor": "Kestrel Print Services",
        "resolution": "Kestrel replaced the printhead and platen roller on site and recalibrated media. Barcodes scan at grade A again.",
    },
    {
        "subject": "Printer says paper jam but there is no paper inside",
        "symptoms": "The printer shows 'Paper jam in area B, open rear door' but there's no paper anywhere; they've opened every door and tray. Turning it off and on doesn't help, the message comes back straight away.",
        "goal": "Use the main printer again.",
        "category": "printing",
        "tags": ["paper-jam", "sensor", "fuser"],
        "asset_kind": "printer",
        "channel": "on-site",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "I've had a look and there's no paper stuck, but a small sensor flag behind the rear door is broken, so the printer thinks there's always paper there. The part sits in the fuser unit, so our print service partner will replace it. Please use the printer on the second floor until then.",
            "The fuser unit has been replaced and the printer is working again.",
        ],
        "notes": [
            "Exit sensor flag snapped off, likely from someone pulling a jam out backwards. Part of the fuser assembly. Printer redirected to second floor queue meanwhile.",
        ],
        "theory": "Broken paper exit sensor flag in the fuser unit; false jam.",
        "escalation": {
            "tier": 2,
            "tried": "Checked all paper paths, power cycled, inspected sensors, redirected users.",
            "theory": "Broken sensor flag causing a false jam.",
            "needs": "Fuser or sensor replaced.",
        },
        "vendor": "Kestrel Print Services",
        "resolution": "Kestrel replaced the fuser unit including the exit sensor. False jam cleared, printer back in service; temporary redirect removed.",
    },
    {
        "subject": "Colour prints have streaks",
        "symptoms": "All colour prints have a faint magenta stripe about 3 cm from the left edge. Black-and-white prints look OK. They print marketing flyers on it, which now look unprofessional.",
        "goal": "Print flyers without streaks.",
        "category": "printing",
        "tags": ["print-quality", "drum", "toner"],
        "asset_kind": "printer",
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Photo of a test print attached.",
        ],
        "replies": [
            "Thanks for the photo. A stripe in just one colour usually comes from that colour's drum. We have a spare magenta drum in stock and will fit it tomorrow morning.",
        ],
        "notes": [
            "Repeating defect every 94 mm, matches drum circumference. Replaced magenta drum unit, printed cleaning page.",
        ],
        "theory": "Scratched or worn magenta drum.",
        "escalation": None,
        "vendor": None,
        "resolution": "Magenta drum unit replaced; test prints clean.",
    },
    {
        "subject": "Plotter cuts off large drawings",
        "symptoms": "When printing A0 drawings from the CAD software to the large format plotter, the right-hand side is cut off, about 15 cm missing. A1 prints fine. They have a planning submission to print for tomorrow.",
        "goal": "Print full A0 drawing sets for the planning submission.",
        "category": "printing",
        "tags": ["plotter", "large-format", "driver", "cad"],
        "asset_kind": "printer",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Tried changing the paper size in the print dialog, same thing.",
        ],
        "replies": [
            "Thanks for already trying that. We think the driver is treating the roll as narrower than it is. Our second-line team will check the plotter and driver settings this afternoon.",
            "Sorted: the plotter had the roll width set to 24 inches from when a narrower roll was loaded last month, even though a 36-inch roll is in now. We corrected it on the plotter and in the driver. A0 prints come out complete.",
        ],
        "notes": [
            "Plotter front panel: roll width manually set to 610 mm. Loaded roll is 914 mm. Driver preset also clamped to 24 in. Reset both to auto-detect.",
        ],
        "theory": "Wrong roll width configured on plotter/driver.",
        "escalation": {
            "tier": 2,
            "tried": "Reproduced with test A0 PDF, checked paper size in the print dialog.",
            "theory": "Paper width mismatch in driver or device.",
            "needs": "Full A0 sets printed for tomorrow's planning submission.",
        },
        "vendor": None,
        "resolution": "Roll width reset to auto-detect on the plotter and in the driver preset. Full A0 drawing set printed.",
    },
    {
        "subject": "Mac prints pages of strange code instead of the document",
        "symptoms": "Printing a PDF from the MacBook produces dozens of pages of random characters starting with '%!PS-Adobe-3.0'. From the Windows PC the same printer works fine. Had to stop the printer by pulling out the paper tray.",
        "goal": "Print from the Mac normally.",
        "category": "printing",
        "tags": ["macos", "printer-driver", "postscript"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Printed one page, looks right. Phew.",
        ],
        "replies": [
            "Sorry about the wasted paper! Your Mac is sending a type of print data the printer doesn't understand. Please open System Settings, then Printers and Scanners, remove the printer with the minus button, and add it again. When adding, under 'Use', choose the model-specific driver instead of 'Generic PostScript'.",
        ],
        "notes": [
            "Printer added with generic PS driver, printer model is PCL-only. Re-added with vendor driver package from the self-service app.",
        ],
        "theory": "Generic PostScript driver sent to a PCL-only printer.",
        "escalation": None,
        "vendor": None,
        "resolution": "Printer re-added on the Mac with the correct manufacturer driver. Printing works.",
    },
    # ------------------------------------------------------------------ security
    {
        "subject": "Suspicious invoice email with a link",
        "symptoms": "Received an email from what looks like a regular supplier saying 'Updated invoice, payment details changed, please review'. The link goes to a page asking to sign in with a Microsoft account. Didn't enter anything. Sender address is slightly different from the real supplier, one letter swapped.",
        "goal": "Know whether the email is genuine and make sure nothing bad happens.",
        "category": "security",
        "tags": ["phishing", "report", "invoice-fraud"],
        "asset_kind": None,
        "channel": "email",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Should I tell the supplier?",
        ],
        "replies": [
            "Thank you for reporting this and for not clicking through, this is exactly right. It is a phishing email. We've removed it from every mailbox in the company and blocked the sender and the link.",
            "Yes, it's worth letting your contact there know by phone (using the number you already have, not one from the email) that someone is impersonating them. And as always: any change of bank details should be confirmed by phone before paying.",
        ],
        "notes": [
            "Lookalike domain, registered 3 days ago. Same message delivered to 14 mailboxes, 1 click (different user, no credentials entered per sign-in logs). Purged via content search, domain and URL blocked.",
        ],
        "theory": "Credential-phishing campaign using a lookalike supplier domain.",
        "escalation": None,
        "vendor": None,
        "resolution": "Phishing confirmed, purged from 14 mailboxes, sender domain and URL blocked. No credentials entered. Finance reminded about verifying bank detail changes.",
    },
    {
        "subject": "Entered password on a fake Microsoft login page",
        "symptoms": "Customer calls, very worried: clicked on a 'shared document' email about 15 minutes ago and typed the work email and password into the page that opened. Then the page just went back to the login screen and they realised it was fake. Has not approved any Authenticator prompts.",
        "goal": "Make sure nobody can get into the account.",
        "category": "security",
        "tags": ["phishing", "compromised-account", "incident"],
        "asset_kind": None,
        "channel": "phone",
        "urgency": 1,
        "impact": 2,
        "customer_messages": [
            "I feel really stupid about this.",
        ],
        "replies": [
            "You did the right thing calling immediately, and please don't feel bad: these pages are designed to look real. I've reset your password and signed you out everywhere. You'll need to sign in again on your laptop and phone with the new password I've texted you.",
            "Our security team has checked the account thoroughly. There were no successful logins from anyone else and no changes to your mailbox, so nothing was accessed. We've also blocked the fake page for everyone.",
        ],
        "notes": [
            "Password reset, sessions and refresh tokens revoked at 10:47. Escalating to L3 for sign-in and mailbox audit.",
            "Sign-in logs: one failed attempt from a hosting provider IP at 10:41, MFA not satisfied. No inbox rules, no forwarding, no app consents. URL blocked in web filter and mail. Sent awareness note to the team.",
        ],
        "theory": "Credentials captured by phishing; MFA likely prevented access. Contain first, then audit.",
        "escalation": {
            "tier": 3,
            "tried": "Reset password, revoked all sessions, confirmed no MFA prompts were approved.",
            "theory": "Credentials phished, attacker attempt probably blocked by MFA.",
            "needs": "Confirmation that the account and mailbox were not accessed.",
        },
        "vendor": None,
        "resolution": "Password reset and sessions revoked within 15 minutes. Audit found one blocked sign-in attempt and no mailbox changes. Phishing URL blocked organisation-wide.",
    },
    {
        "subject": "Certificate warning on the intranet",
        "symptoms": "Chrome shows 'Your connection is not private, NET::ERR_CERT_DATE_INVALID' when opening the intranet. You can click 'Advanced' and continue, but the customer wasn't sure if that's safe. Several colleagues see the same.",
        "goal": "Use the intranet without security warnings.",
        "category": "security",
        "tags": ["certificate", "browser", "intranet"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "Thanks for asking rather than clicking through, that is the safe habit. The security certificate on the intranet server expired last night. Please don't bypass the warning; we're renewing the certificate now and will update you here.",
            "The new certificate is in place. Please reload the page (Ctrl+F5). The warning should be gone.",
        ],
        "notes": [
            "Intranet cert expired 00:00 today, auto-renewal job failed because the ACME challenge path was blocked by a new firewall rule. Escalating to L2.",
            "Renewed manually, fixed the firewall rule, renewal task tested with dry run. Added expiry monitoring at 21 days.",
        ],
        "theory": "Expired TLS certificate on the intranet server.",
        "escalation": {
            "tier": 2,
            "tried": "Confirmed the certificate expiry date in the browser, checked multiple users affected.",
            "theory": "Auto-renewal failed.",
            "needs": "Intranet accessible without warnings.",
        },
        "vendor": None,
        "resolution": "Certificate renewed, renewal automation repaired and expiry monitoring added. Warning gone for all users.",
    },
    {
        "subject": "Laptop asks for a BitLocker recovery key",
        "symptoms": "Laptop shows a blue screen on startup: 'BitLocker recovery, enter the recovery key to get going again'. It did a firmware update last night. Customer is at a client site and needs the laptop for a presentation in an hour.",
        "goal": "Start the laptop in time for the client presentation.",
        "category": "security",
        "tags": ["bitlocker", "recovery-key", "firmware"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 1,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Don't worry, this is a normal safety check after a firmware update. I need to confirm who you are first, then I'll read you the recovery key. Could you read me the 'Key ID', the first 8 characters shown on the screen?",
            "You're in. The key I gave you has now been replaced automatically, so it can't be reused. Good luck with the presentation!",
        ],
        "notes": [
            "Identity verified (callback to registered mobile plus manager on Teams). Key ID matched the device record, read out key. Key rotation on use is enabled. Firmware update changed PCR 7 measurements, expected.",
        ],
        "theory": "TPM measurements changed after firmware update, triggering recovery mode.",
        "escalation": None,
        "vendor": None,
        "resolution": "Identity verified, recovery key read out, laptop started. Key rotated automatically after use.",
    },
    {
        "subject": "Laptop left on the train",
        "symptoms": "Customer left the work laptop on the train this morning in the overhead rack. Called the rail company's lost property, nothing yet. The laptop has client documents. It was switched off (not just closed) when left.",
        "goal": "Protect client data and get a replacement laptop.",
        "category": "security",
        "tags": ["lost-device", "remote-wipe", "incident"],
        "asset_kind": "laptop",
        "channel": "phone",
        "urgency": 1,
        "impact": 2,
        "customer_messages": [
            "Lost property just called, they have it!",
        ],
        "replies": [
            "Thank you for telling us straight away. The laptop's drive is encrypted, so the files can't be read without your sign-in. As a precaution we've locked the laptop remotely and signed you out of all services. A replacement laptop will be ready for you tomorrow morning.",
            "That's great news. When you collect it, please bring it to the IT desk before using it; we'll check it over and unlock it. You can keep the replacement until then.",
        ],
        "notes": [
            "BitLocker on, key escrowed, device was powered off. Revoked sessions, device marked lost, remote lock queued, wipe on hold pending lost property. Escalated to L3 for incident record.",
            "Device recovered, no sign-in attempts recorded. Unlocked after inspection, incident closed as no data exposure.",
        ],
        "theory": "Encrypted, powered-off device: low risk, but lock and revoke sessions; wipe if not recovered in 48 h.",
        "escalation": {
            "tier": 3,
            "tried": "Confirmed encryption status, revoked sessions, marked device as lost.",
            "theory": "Data protected by encryption; risk is low but it needs an incident record.",
            "needs": "Decision on remote wipe and a replacement laptop.",
        },
        "vendor": None,
        "resolution": "Device locked and sessions revoked the same morning; recovered from lost property the next day with no sign-in attempts. Incident recorded as no data exposure.",
    },
    {
        "subject": "Website contact form receiving strange submissions",
        "symptoms": "Since the weekend the contact form on the company website has sent about 300 emails to the info mailbox. Most are spam, but some contain code; one message body was literally `<script>alert(1)</script>` and others are full of forum tags like [url=http://cheap-pills.example][b]BEST PRICE[/b][/url]. Customer is worried the website has been hacked.",
        "goal": "Stop the junk submissions and know whether the website is compromised.",
        "category": "security",
        "tags": ["website", "spam", "xss", "web-form"],
        "asset_kind": None,
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "I copied the worst one into this form exactly as it arrived.",
        ],
        "replies": [
            "Thank you for sending examples. These are automated bots testing the form, which unfortunately happens to almost every public website. It doesn't mean the site has been hacked. Our security engineer will check that the form handles this input safely and add spam protection.",
            "The form escapes everything it receives, so the script never ran anywhere. We've added a spam check to the form and submissions have dropped to zero junk in the last 24 hours. Real enquiries still come through.",
        ],
        "notes": [
            "Bot traffic from rotating IPs. Escalating to L3 to verify output encoding on the form and notification email.",
            "Checked: form output HTML-escaped in the CMS and notification is plain text. No stored XSS. Added CAPTCHA plus honeypot field and rate limit. Rotated the CMS admin password anyway.",
        ],
        "theory": "Automated bot spam and XSS probing; likely harmless if input is escaped. Verify and add bot protection.",
        "escalation": {
            "tier": 3,
            "tried": "Reviewed samples, confirmed the website itself still looks normal.",
            "theory": "Bot probing of the contact form.",
            "needs": "Confirmation the site is not compromised, and the spam stopped.",
        },
        "vendor": None,
        "resolution": "Form confirmed safe (input escaped, no stored script). CAPTCHA, honeypot and rate limiting added; junk submissions stopped.",
    },
    {
        "subject": "Antivirus deleted the stock calculation spreadsheet",
        "symptoms": "Opened the stock calculation spreadsheet from the shared drive and a red warning said 'Threat quarantined: Trojan:O97M/Macro'. The file is gone now. This is the macro sheet the team has used for years to work out reorder quantities. Needs it for the weekly order.",
        "goal": "Get the reorder spreadsheet back to place the weekly order.",
        "category": "security",
        "tags": ["antivirus", "false-positive", "macro", "quarantine"],
        "asset_kind": "desktop",
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "It's the same file as always, nobody changed it as far as I know.",
        ],
        "replies": [
            "We understand it's important. Before restoring it we need to be sure it's really safe, so our second-line team will examine the file. Please don't download copies from elsewhere in the meantime.",
            "Our team checked the macros line by line and they are the same reorder calculations as before, nothing harmful. The antivirus flagged an old coding pattern. We've restored the file and added an exception for this one file only, signed so that any change to the macros will be caught again.",
        ],
        "notes": [
            "Defender detection on the xlsm, file hash unchanged since last year per backup. Escalating for macro review before release.",
            "VBA reviewed: Shell call used to open a folder, triggered heuristic. No network or download code. Restored from quarantine, submitted as false positive, signed macro with internal code-signing cert.",
        ],
        "theory": "Likely false positive on an old macro, but must be verified before release.",
        "escalation": {
            "tier": 2,
            "tried": "Confirmed detection name, compared file hash with backup copy, checked nobody edited it.",
            "theory": "Heuristic false positive on legacy VBA.",
            "needs": "Safe, working reorder spreadsheet for the weekly order.",
        },
        "vendor": None,
        "resolution": "Macro code reviewed and found clean. File restored, macro signed, detection submitted as false positive. Weekly order placed.",
    },
    {
        "subject": "USB stick blocked, need to hand files to the auditor",
        "symptoms": "Plugged in a USB stick to copy year-end files for the external auditor and got 'This device is blocked by your organisation'. The auditor is on site today and asked for the files on a stick.",
        "goal": "Give the external auditor the year-end files today.",
        "category": "security",
        "tags": ["usb", "dlp", "file-sharing"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "The auditor says a link is fine, they just assumed we'd use a stick.",
        ],
        "replies": [
            "USB storage is blocked on purpose, to protect financial data. The easiest secure option is a OneDrive share link for the auditor that expires after a week; I can walk you through it. Would that work for the auditor?",
            "Perfect. Right-click the folder, choose Share, enter the auditor's email, set 'Can view' and an expiry date. They will receive a code by email to open it.",
        ],
        "notes": [
            "USB removable storage blocked by policy for finance. No exception needed, used external sharing instead.",
        ],
        "theory": "Policy working as designed; offer a secure alternative.",
        "escalation": None,
        "vendor": None,
        "resolution": "Files shared with the auditor through an expiring OneDrive link. No USB exception granted.",
    },
    {
        "subject": "Authenticator prompts at night that I didn't start",
        "symptoms": "Phone kept buzzing last night around 23:30 with 'Approve sign-in?' from the Authenticator app, about ten times. Customer denied them all. Did not try to log in at that time.",
        "goal": "Stop whoever is trying to get into the account.",
        "category": "security",
        "tags": ["mfa-fatigue", "compromised-password", "incident"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 1,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "Thank you for denying them and for reporting it. Those prompts mean someone has your password and was trying to get past the second step. I'm resetting your password now and our security team will look at where the attempts came from.",
            "Follow-up: the attempts came from abroad and all were blocked because you denied them. Your password has been changed and we've switched your Authenticator to number matching, so you'll type a number from the screen instead of just tapping Approve.",
        ],
        "notes": [
            "Password reset, sessions revoked. Escalating to L3.",
            "10 MFA-denied sign-ins from a VPS provider abroad. Password likely from an old third-party breach (reused). Number matching enforced, user enrolled in awareness module, password reuse check passed on the new one.",
        ],
        "theory": "Password known to an attacker (reuse or phishing), MFA fatigue attack.",
        "escalation": {
            "tier": 3,
            "tried": "Reset password, revoked sessions, confirmed all prompts denied.",
            "theory": "Stolen password, MFA fatigue attempt.",
            "needs": "Confirm no access was gained and harden the account.",
        },
        "vendor": None,
        "resolution": "Password reset, all attempts confirmed blocked, number matching enforced. No successful access found.",
    },
    # ------------------------------------------------------------------ telephony
    {
        "subject": "Desk phone shows 'No service'",
        "symptoms": "Desk phone screen says 'No service' and there's no dial tone. Calling from a mobile. The display is lit so it has power. Was fine yesterday evening; the cleaners were in overnight.",
        "goal": "Make and receive calls on the desk phone.",
        "category": "telephony",
        "tags": ["desk-phone", "registration", "cabling"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Yes! Dial tone. The cable was plugged into the wrong hole on the phone.",
        ],
        "replies": [
            "Could you look at the back of the phone? There are two network sockets, usually marked 'LAN' or 'Internet' and 'PC'. The cable from the wall should go into 'LAN' or 'Internet'. Could you check which one it's in?",
        ],
        "notes": [
            "Phone powered from a local adapter, so display on even without network. Wall cable moved to PC port, probably by cleaners. Swapped, registered fine.",
        ],
        "theory": "Network cable in the wrong port on the phone.",
        "escalation": None,
        "vendor": None,
        "resolution": "Wall cable moved back to the phone's LAN port; phone registered and calls working.",
    },
    {
        "subject": "Voicemail messages no longer arrive by email",
        "symptoms": "Voicemails used to come through as emails with the recording attached. Nothing since last Wednesday, but the phone shows the message light. Customer doesn't know the voicemail PIN, never needed it.",
        "goal": "Receive voicemails by email again.",
        "category": "telephony",
        "tags": ["voicemail", "voicemail-to-email", "pin"],
        "asset_kind": "phone",
        "channel": "email",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Got a test voicemail in my inbox. Thanks.",
        ],
        "replies": [
            "Thanks. Your voicemail box was still linked to your old email address from before the name change, so the messages were going nowhere. I've updated it and reset your voicemail PIN; the new one is in a separate email. There are 4 voicemails from last week waiting on the phone.",
        ],
        "notes": [
            "Voicemail-to-email address still on old alias which was removed in the mail clean-up. Updated to primary SMTP, reset PIN, test message delivered.",
        ],
        "theory": "Voicemail notification address points to a removed email alias.",
        "escalation": None,
        "vendor": None,
        "resolution": "Voicemail email address updated and PIN reset. Test voicemail delivered to inbox; customer listened to the 4 waiting messages.",
    },
    {
        "subject": "Callers hear an echo and sometimes no audio",
        "symptoms": "Several people in the office report that external callers hear their own voice echoing back, and about one call in ten has one-way audio, where we can hear them but they can't hear us. Internal calls are fine. Started after the new internet router was installed.",
        "goal": "Have clear two-way calls with customers.",
        "category": "telephony",
        "tags": ["voip", "one-way-audio", "sip-alg", "router"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "It's still happening on maybe half of the calls, getting complaints from customers.",
        ],
        "replies": [
            "Thank you for the detail about the new router, that is a strong lead. Our network team is checking the router settings and we've also asked our phone system provider to look at the calls from their side.",
            "We found two issues: the new router was altering call traffic (a feature called SIP ALG), which caused the one-way audio, and the provider corrected an echo setting on your trunk. Calls over the last two days have been clean.",
        ],
        "notes": [
            "SIP ALG enabled by default on the new router, rewriting SDP. Disabled. One-way audio gone in test calls, echo still present on PSTN calls. Raised with Pellucid.",
            "Pellucid: echo canceller tail length on the trunk wrong after their platform migration. Fixed their side.",
        ],
        "theory": "SIP ALG on the new router mangling RTP, plus a separate echo issue at the provider.",
        "escalation": {
            "tier": 2,
            "tried": "Test calls internal vs external, confirmed timing matches router swap.",
            "theory": "Router interfering with VoIP traffic.",
            "needs": "Clear calls with customers; complaints are coming in.",
        },
        "vendor": "Pellucid Voice",
        "resolution": "SIP ALG disabled on the router and Pellucid fixed the echo cancellation on the trunk. No audio problems reported for two days.",
    },
    {
        "subject": "Main number goes straight to 'we are closed' message",
        "symptoms": "Customers calling the main number at 10 in the morning hear 'Our offices are currently closed'. Reception's phone doesn't ring at all. Direct extension numbers work. It's a normal Tuesday, not a holiday.",
        "goal": "Get incoming calls to reception during opening hours.",
        "category": "telephony",
        "tags": ["call-routing", "hunt-group", "schedule", "outage"],
        "asset_kind": "phone",
        "channel": "phone",
        "urgency": 1,
        "impact": 1,
        "customer_messages": [
            "Phones are ringing again, brilliant.",
        ],
        "replies": [
            "We can reproduce it, the main number is following the out-of-hours route. As a quick fix we're pointing the main number directly at reception now, and then we'll find out why the schedule is wrong.",
            "The opening hours in the phone system had been copied over with the holiday schedule for next Tuesday instead of the one for next month. We've corrected the schedule with the provider and returned the main number to normal routing.",
        ],
        "notes": [
            "Time-based routing set to 'closed' all day. Holiday entry dated today instead of the public holiday next month. Temp override to reception hunt group at 10:12. Raised with Pellucid as their portal didn't allow us to edit the holiday table.",
            "Pellucid corrected the holiday date and unlocked the table for our admin account. Override removed 11:40.",
        ],
        "theory": "Wrong date in the holiday schedule forcing closed routing.",
        "escalation": {
            "tier": 2,
            "tried": "Test call to main number, checked routing schedule, set temporary override.",
            "theory": "Holiday calendar entry with wrong date.",
            "needs": "Main number answered by reception; customers can't get through.",
        },
        "vendor": "Pellucid Voice",
        "resolution": "Temporary override restored calls within 10 minutes. Pellucid corrected the holiday schedule entry; normal routing back at 11:40.",
    },
    {
        "subject": "Bluetooth headset connects but microphone doesn't work in Teams",
        "symptoms": "New wireless headset connects to the laptop and music plays fine, but in Teams calls nobody can hear the customer. Or when it works, the audio sounds like an old telephone. Tried re-pairing twice.",
        "goal": "Take Teams calls with the wireless headset.",
        "category": "telephony",
        "tags": ["bluetooth", "headset", "teams", "audio"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "With the little USB plug it sounds great. Didn't know it came with one!",
        ],
        "replies": [
            "Bluetooth headsets use a lower quality mode when the microphone is on, which explains the 'old telephone' sound, and Teams sometimes picks the wrong one of the two modes. Did your headset come with a small USB dongle in the box? That usually works much better than the laptop's built-in Bluetooth.",
            "Great! In Teams, under Settings, then Devices, choose the headset as both speaker and microphone and it will remember it.",
        ],
        "notes": [
            "Headset exposes Stereo (A2DP) and Hands-Free (HFP) endpoints. Teams was set to laptop mic. Moved user to the bundled USB dongle which handles this properly.",
        ],
        "theory": "Wrong audio device or Bluetooth profile selected in Teams.",
        "escalation": None,
        "vendor": None,
        "resolution": "Headset used via its USB dongle and selected as speaker and microphone in Teams. Call quality good.",
    },
    {
        "subject": "Others can't hear me properly on video calls",
        "symptoms": "On Teams video calls, people say the customer's voice keeps cutting out and sounds robotic, especially when sharing the screen. Video freezes too. Working from home, on Wi-Fi in the kitchen, the router is upstairs.",
        "goal": "Have smooth client calls from home.",
        "category": "telephony",
        "tags": ["teams", "call-quality", "home-wifi"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Moved to the spare room near the router for today's call and it was perfect.",
        ],
        "replies": [
            "I had a look at the call quality report for your last calls: the connection from your laptop was losing a lot of data on the way out, which points to weak Wi-Fi rather than Teams or the laptop. Would it be possible to sit closer to the router for calls, or use a network cable?",
            "That confirms it. If the kitchen is where you prefer to work, a mesh Wi-Fi point or a powerline adapter would fix it for good; we can send you a recommendation.",
        ],
        "notes": [
            "Call analytics: packet loss outbound 9 to 14%, jitter high, Wi-Fi signal 28%. Network of the user's home, not ours.",
        ],
        "theory": "Weak home Wi-Fi causing packet loss.",
        "escalation": None,
        "vendor": None,
        "resolution": "Call quality confirmed as a home Wi-Fi issue; customer works near the router for calls and received a hardware recommendation for the kitchen.",
    },
    {
        "subject": "Forward desk phone to mobile while working from home",
        "symptoms": "Web form: working from home for the next two weeks after surgery, would like calls to the desk number to reach the mobile instead. Doesn't want to give clients the mobile number.",
        "goal": "Receive desk calls on the mobile without sharing the mobile number.",
        "category": "telephony",
        "tags": ["call-forwarding", "softphone", "remote-work"],
        "asset_kind": "phone",
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "The app works and it shows my office number when I call out, which is exactly what I wanted.",
        ],
        "replies": [
            "Hope the recovery goes well! Better than forwarding: install the phone system's app on your mobile. Your desk number rings in the app, and when you call out, clients see your office number, not your mobile. Setup instructions are in the next email.",
        ],
        "notes": [
            "Enabled mobile softphone licence for the user, provisioning QR sent by email. Outbound caller ID set to DDI.",
        ],
        "theory": "Softphone app is better than call forwarding here (hides the mobile number).",
        "escalation": None,
        "vendor": None,
        "resolution": "Softphone app set up on the customer's mobile with the office caller ID. Calls to the desk number ring on the mobile.",
    },
    {
        "subject": "Meeting room speakerphone has no sound in calls",
        "symptoms": "The conference phone in the big meeting room doesn't produce any sound in calls, and people on the other end can't hear the room. The display shows the call as connected. There is a board meeting there tomorrow at 9 with remote attendees.",
        "goal": "Run tomorrow's board meeting with remote attendees.",
        "category": "telephony",
        "tags": ["conference-phone", "meeting-room", "firmware"],
        "asset_kind": "phone",
        "channel": "on-site",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [],
        "replies": [
            "I came up to the meeting room: the speakerphone had downloaded a firmware update and was stuck halfway. I restarted it, it finished updating, and a test call works in both directions. I'll come by at 8:45 tomorrow to check it once more before the board meeting.",
        ],
        "notes": [
            "Firmware update hung at audio DSP stage. Power-cycled via PoE port bounce, update completed. Test call PSTN plus Teams OK. Calendar reminder set for 08:45 check.",
        ],
        "theory": "Interrupted firmware update left the audio subsystem down.",
        "escalation": None,
        "vendor": None,
        "resolution": "Speakerphone restarted, firmware update completed, two-way audio tested. Checked again before the board meeting.",
    },
    # ------------------------------------------------------------------ access
    {
        "subject": "S: drive has disappeared",
        "symptoms": "The shared drive S: isn't in 'This PC' any more. Customer needs the templates folder on it to send quotes. Other colleagues still have it.",
        "goal": "Open the quote templates on the shared drive.",
        "category": "access",
        "tags": ["mapped-drive", "file-share", "group-policy"],
        "asset_kind": "desktop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "Thanks. I've checked and your access to the shared folder is fine; the drive just didn't get connected when you logged in today, because your PC was started before it connected to the office network. Please sign out and in again, and S: should be back.",
        ],
        "notes": [
            "Drive mapping by GPP, item-level targeting OK. Machine was on Wi-Fi before user logon, GPO didn't apply. Enabled 'always wait for the network at startup and logon' for the site.",
        ],
        "theory": "Drive mapping didn't run because the network wasn't ready at logon.",
        "escalation": None,
        "vendor": None,
        "resolution": "After sign out and in, S: mapped normally. Policy changed so PCs wait for the network at logon.",
    },
    {
        "subject": "Request access to the Finance folder",
        "symptoms": "Web form: 'I've moved to the finance team this month and need access to the Finance folder on the shared drive (read and write). My new manager knows.'",
        "goal": "Work with the finance team's files.",
        "category": "access",
        "tags": ["access-request", "file-share", "approval"],
        "asset_kind": None,
        "channel": "web",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [
            "Approval forwarded. Thank you!",
        ],
        "replies": [
            "Welcome to the finance team! The Finance folder is owned by the finance manager, so we need her approval before granting access. We've sent her an approval request; you can also forward this ticket to her to speed it up.",
            "Approved and done. Please sign out and back in, and you'll find the Finance folder under the S: drive.",
        ],
        "notes": [
            "Owner approval received. Added to the finance read-write group. Noted: user still in the sales group from previous role, asked the sales manager whether to remove.",
        ],
        "theory": "Standard access request; data owner approves.",
        "escalation": None,
        "vendor": None,
        "resolution": "Access granted via the finance group after owner approval. Previous role's access removed after confirmation from the sales manager.",
    },
    {
        "subject": "SharePoint site shows 'Access denied' for team lead",
        "symptoms": "Clicking a link to the project site in a Teams chat gives 'Access required, you need permission to access this site'. The customer is the team lead of that project. Colleagues can open it.",
        "goal": "Open the project site to review deliverables.",
        "category": "access",
        "tags": ["sharepoint", "permissions", "teams"],
        "asset_kind": "laptop",
        "channel": "chat",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "The link you were sent goes to a separate SharePoint site that isn't connected to your Team, so being in the Team doesn't give access to it. I've asked the site owner to add you; as soon as they confirm, we'll let you know.",
        ],
        "notes": [
            "Link to a standalone comm site, not the Team's group site. Site owner approved via access request. User added to site Members.",
        ],
        "theory": "User not a member of a standalone SharePoint site.",
        "escalation": None,
        "vendor": None,
        "resolution": "Customer added to the project site's Members group after owner approval; site opens normally.",
    },
    {
        "subject": "Remote desktop to office PC fails",
        "symptoms": "From home the customer uses Remote Desktop to reach the office PC for the accounting program. Since this morning it says 'The remote computer could not be found'. The VPN is connected. Nobody touched the office PC as far as they know.",
        "goal": "Use the accounting program from home.",
        "category": "access",
        "tags": ["remote-desktop", "vpn", "wake-on-lan"],
        "asset_kind": "desktop",
        "channel": "phone",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "I'm in. Thanks for sorting it so fast.",
        ],
        "replies": [
            "Your office PC was switched off after a power cut in the building last night. I've woken it up from here; please try connecting again in a couple of minutes.",
        ],
        "notes": [
            "Power outage 02:10 per UPS log. Desktop BIOS set to stay off after power loss. Sent WoL via RMM, PC up. Changed BIOS AC recovery to 'last state' on this and 3 other remote-access PCs.",
        ],
        "theory": "PC powered off after a power cut.",
        "escalation": None,
        "vendor": None,
        "resolution": "PC woken via Wake-on-LAN; BIOS set to restore power after outages on all remote-access desktops.",
    },
    {
        "subject": "No access to accounting system after role change",
        "symptoms": "Moved from sales support to accounts receivable last week. Accounting system login works but the 'Receivables' menu is greyed out and reports show 'Insufficient rights'.",
        "goal": "Process customer payments in the accounting system.",
        "category": "access",
        "tags": ["line-of-business", "role", "access-request"],
        "asset_kind": None,
        "channel": "web",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "Works now, can see all of it.",
        ],
        "replies": [
            "The role change hasn't been applied in the accounting system yet. We've asked your new manager to confirm the access you need; we'll apply it as soon as we hear back.",
            "Your accounting system role is updated to Accounts Receivable. Please close the program and log in again.",
        ],
        "notes": [
            "HR role change processed in the directory but the accounting app uses its own roles. Manager approved AR Clerk role. Removed Sales Support role as per least privilege.",
        ],
        "theory": "Application role not updated after internal transfer.",
        "escalation": None,
        "vendor": None,
        "resolution": "Accounts Receivable role assigned in the accounting system after manager approval, old sales support role removed.",
    },
    {
        "subject": "Contractor needs access for three months",
        "symptoms": "Email from the project manager: an external contractor is joining the office refurbishment project for three months. Needs email, access to the project folder and the building floor plans on SharePoint. Should not see anything else.",
        "goal": "Give the contractor exactly the access they need for the project duration.",
        "category": "access",
        "tags": ["contractor", "guest-access", "expiry"],
        "asset_kind": None,
        "channel": "email",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "We'll set the contractor up with a limited account that expires automatically at the end of the three months, with access only to the project folder and the floor plans. Could you confirm the exact end date and that you're the sponsor for this account?",
            "The account is ready. Login details go to the contractor's personal email on their first day, and you'll receive a reminder two weeks before the account expires in case the project runs longer.",
        ],
        "notes": [
            "Created contractor account in the External OU, expiry set, no licence for desktop apps (web only). Added to the project team group only. Sponsor: requesting PM.",
        ],
        "theory": "Standard contractor onboarding with expiry and sponsor.",
        "escalation": None,
        "vendor": None,
        "resolution": "Contractor account created with an expiry date, web-only licence, access limited to the project group. Sponsor reminder scheduled.",
    },
    {
        "subject": "Need access to former colleague's files and mailbox",
        "symptoms": "A colleague left last month and a client is now asking about a contract she negotiated. The team lead needs to see her emails with that client and her files about the contract.",
        "goal": "Find the contract correspondence to answer the client.",
        "category": "access",
        "tags": ["leaver", "mailbox-access", "data-protection"],
        "asset_kind": None,
        "channel": "email",
        "urgency": 2,
        "impact": 3,
        "customer_messages": [
            "HR has emailed you the approval.",
        ],
        "replies": [
            "We can help with this, but because it involves someone else's personal mailbox, HR needs to approve it first and the access should be limited to what's needed. We'll ask HR and come back to you today.",
            "With HR's approval we've exported the emails with that client's domain and the contract folder from her files into a folder only you can open. The full mailbox hasn't been shared.",
        ],
        "notes": [
            "HR approval received, scope: emails to/from client domain, contract folder. eDiscovery search, exported results to a restricted folder. Access expires in 30 days.",
        ],
        "theory": "Access to a leaver's data needs HR approval and minimal scope.",
        "escalation": None,
        "vendor": None,
        "resolution": "HR-approved, scoped export of client emails and contract files provided to the team lead in a restricted folder, access expiring after 30 days.",
    },
    {
        "subject": "Deleted folder on the shared drive, need it back",
        "symptoms": "Customer accidentally deleted the folder 'Supplier contracts 2023' while tidying up the shared drive yesterday afternoon. It isn't in the Recycle Bin. About 400 files. Last changes to the folder were made on Monday.",
        "goal": "Get the supplier contracts folder back.",
        "category": "access",
        "tags": ["backup", "restore", "file-share"],
        "asset_kind": "server",
        "channel": "phone",
        "urgency": 2,
        "impact": 2,
        "customer_messages": [
            "Found everything, thank you so much. I'll be more careful with the delete key.",
        ],
        "replies": [
            "Don't worry, this is what backups are for. Files deleted from the shared drive don't go into your own Recycle Bin. Our second-line team will restore it from last night's backup; that copy includes Monday's changes.",
            "The folder is back in its original place with all 412 files. Could you check that it looks as you remember?",
        ],
        "notes": [
            "Shadow copies disabled on that volume. Restore from backup needed, escalating.",
            "Restored from the 01:00 backup to original location, 412 files, permissions intact. Re-enabled shadow copies twice daily on the data volume so users can self-restore.",
        ],
        "theory": "Accidental deletion; restore from nightly backup.",
        "escalation": {
            "tier": 2,
            "tried": "Checked Recycle Bin and previous versions, none available.",
            "theory": "Folder deleted, only backup copies remain.",
            "needs": "Folder restored with Monday's changes.",
        },
        "vendor": None,
        "resolution": "Folder restored from the nightly backup with all 412 files. Shadow copies enabled on the volume for faster self-service restores.",
    },
    {
        "subject": "Spreadsheet always 'locked for editing' by a colleague who isn't using it",
        "symptoms": "Opening the rota spreadsheet on the shared drive says it's locked for editing by a colleague, but that colleague is on holiday and her PC is switched off. Can only open read-only. The rota has to be updated today.",
        "goal": "Update the staff rota.",
        "category": "access",
        "tags": ["file-lock", "file-share", "excel"],
        "asset_kind": None,
        "channel": "phone",
        "urgency": 3,
        "impact": 3,
        "customer_messages": [],
        "replies": [
            "The server still thinks the file is open from before your colleague went on holiday. I've closed that old connection from our side, so you should be able to open the rota normally now.",
            "To avoid this in future, we could move the rota to the team's SharePoint, where several people can edit it at the same time. Let us know if you'd like that.",
        ],
        "notes": [
            "Stale SMB open file handle from the colleague's session. Closed via Computer Management, Shared Folders, Open Files. Also deleted the leftover owner file in the folder.",
        ],
        "theory": "Stale open file handle on the file server.",
        "escalation": None,
        "vendor": None,
        "resolution": "Stale file lock closed on the file server; rota opens for editing. Offered a move to SharePoint for co-authoring.",
    },
]

ARTICLES = [
    {
        "title": "Reset a forgotten domain password",
        "symptoms": "You can't remember your Windows or email password, or the login screen says the password is incorrect.",
        "cause": "The password was forgotten, typed with Caps Lock on, or changed recently and the new one isn't remembered yet.",
        "resolution": (
            "1. On the Windows login screen, click **Reset password** below the password box, or open `https://passwordreset.microsoftonline.com` from any device.\n"
            "2. Enter your work email address and the characters shown in the picture.\n"
            "3. Choose how to verify yourself: a code by text message to your registered mobile, or the Authenticator app.\n"
            "4. Enter the code you receive.\n"
            "5. Choose a new password of at least 14 characters. A short sentence is easier to remember than a jumble of symbols.\n"
            "6. Sign in with the new password, then update it on your phone when the mail app asks.\n"
            "\n"
            "**Note:** If you never registered a phone for self-service reset, call the help desk. We will verify your identity before resetting anything."
        ),
        "tags": ["password", "account", "self-service"],
        "category": "account",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Unlock an account and trace the lockout source",
        "symptoms": "User is locked out repeatedly, often at the same time of day, even after an unlock. Usually follows a recent password change.",
        "cause": "A device or service still holds the old password (phone mail profile, mapped drive with saved credentials, scheduled task, old tablet) and keeps retrying.",
        "resolution": (
            "1. Verify the caller's identity per the identity verification procedure before touching the account.\n"
            "2. Unlock the account in AD Users and Computers or with `Unlock-ADAccount -Identity username`.\n"
            "3. On the PDC emulator, filter the Security log for event ID `4740`; the *Caller Computer Name* shows where the lockouts come from.\n"
            "4. If the caller computer is blank or an Exchange or ADFS host, check the Entra sign-in logs for failures with the user's UPN and look at *Client app* and *IP address*.\n"
            "5. Ask the user about every device that has ever had their work account: old phones, home tablets, shared PCs.\n"
            "6. Remove or update the stale credential. On Windows check Credential Manager; on phones remove and re-add the account.\n"
            "7. Watch for further 4740 events for 24 hours before closing.\n"
            "\n"
            "**Note:** If the lockout source is an unknown external IP, treat it as a possible password compromise and escalate to L3."
        ),
        "tags": ["lockout", "active-directory", "account"],
        "category": "account",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Reset MFA for a user with a new or lost phone",
        "symptoms": "User can't complete sign-in because the Authenticator app is on an old, lost or reset phone.",
        "cause": "Authenticator accounts aren't always transferred when a phone is replaced, so the registered method no longer works.",
        "resolution": (
            "1. Verify identity: call back on the number in the HR system (not the number the user called from) **and** get confirmation from the user's manager on Teams or by phone.\n"
            "2. In the Entra admin centre, open the user, then **Authentication methods**.\n"
            "3. Delete the old Authenticator and phone entries.\n"
            "4. Click **Require re-register multifactor authentication** and **Revoke multifactor authentication sessions**.\n"
            "5. Ask the user to sign in at `https://aka.ms/mysecurityinfo` and register the app on the new phone while you stay on the line.\n"
            "6. Record the verification method used in the ticket notes.\n"
            "\n"
            "**Note:** Never reset MFA on the basis of an email or chat request alone. This is the most common social engineering route."
        ),
        "tags": ["mfa", "authenticator", "account", "identity-verification"],
        "category": "account",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Connect to the VPN from home",
        "symptoms": "You need to reach the shared drive, intranet or internal applications while away from the office.",
        "cause": "Internal systems are only reachable from the office network or through the VPN.",
        "resolution": (
            "1. Make sure your laptop is connected to the internet (open any public website).\n"
            "2. Click the VPN icon in the system tray near the clock. If you can't see it, click the small arrow to show hidden icons.\n"
            "3. Choose the **Company VPN** profile and click **Connect**.\n"
            "4. Approve the sign-in request in the Authenticator app.\n"
            "5. Wait for the status to show **Connected**, then open the S: drive or intranet.\n"
            "6. Disconnect when you're finished, especially before video calls, to get the best call quality.\n"
            "\n"
            "**Note:** Hotel and café networks with a login page must be logged in to first, before connecting the VPN."
        ),
        "tags": ["vpn", "remote-work", "network"],
        "category": "network",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "VPN connected but internal servers unreachable",
        "symptoms": "VPN shows Connected, email and Teams work, but mapped drives show a red cross and internal sites time out. Often starts after a new home router.",
        "cause": "The home network uses the same address range as an office subnet, so traffic for internal servers stays on the home network instead of entering the tunnel.",
        "resolution": (
            "1. Ask the user to run `ipconfig` and read out the IPv4 address and subnet mask of the Wi-Fi or Ethernet adapter.\n"
            "2. Compare with the office ranges in the network documentation; overlap with `192.168.10.0/24` or `10.0.0.0/24` is the usual culprit.\n"
            "3. Run `route print` and check whether the internal server range points at the VPN adapter or the home adapter.\n"
            "4. Preferred fix: ask the user to change the home router's LAN range, for example to `192.168.178.0/24`.\n"
            "5. If that isn't possible, add host routes for the file server and DNS servers to the user's VPN profile and have them reconnect.\n"
            "6. Test with `nslookup` against the internal DNS server and by opening the S: drive.\n"
            "\n"
            "**Note:** Document the home range in the ticket; we plan to move office subnets away from common consumer ranges."
        ),
        "tags": ["vpn", "routing", "subnet-overlap", "network"],
        "category": "network",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Print jobs stuck in the queue",
        "symptoms": "Documents stay in the print queue with the status 'Error' or 'Printing' but nothing comes out. Other jobs queue up behind them.",
        "cause": "One damaged or very large job blocks the queue, or the printer lost its connection while printing.",
        "resolution": (
            "1. Check the printer's display for an error message such as paper out, paper jam or low toner, and fix that first.\n"
            "2. Open **Settings** → **Bluetooth and devices** → **Printers and scanners**, select the printer and click **Open print queue**.\n"
            "3. Right-click your stuck document and choose **Cancel**. You can only cancel your own jobs.\n"
            "4. If the job doesn't disappear after a minute, restart your computer.\n"
            "5. Print a test page from the printer's settings page.\n"
            "6. If the queue is stuck for everyone in the office, call the help desk; we clear shared print queues on the print server.\n"
            "\n"
            "**Note:** Very large PDFs (hundreds of pages, lots of images) print more reliably in smaller batches."
        ),
        "tags": ["print-queue", "printing", "spooler"],
        "category": "printing",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Install or reinstall a printer on Windows",
        "symptoms": "The printer you normally use is missing from the list, or printing fails with 'Driver is unavailable'.",
        "cause": "The printer wasn't deployed to the computer (for example after a rebuild or office move), or the driver was removed by an update.",
        "resolution": (
            "1. Open **Company Portal** from the Start menu.\n"
            "2. Search for your office location, for example 'Printers - 2nd floor'.\n"
            "3. Click **Install** and wait until it says Installed.\n"
            "4. Open **Settings** → **Bluetooth and devices** → **Printers and scanners** and check the printer is listed.\n"
            "5. Print a test page.\n"
            "6. If the printer shows 'Driver is unavailable', remove it from the list and repeat steps 1 to 3.\n"
            "\n"
            "**Note:** Please don't install drivers downloaded from the manufacturer's website; they often miss the settings for secure print release."
        ),
        "tags": ["printer-driver", "printing", "company-portal"],
        "category": "printing",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Laptop can't connect to the office Wi-Fi",
        "symptoms": "The office network is visible but the laptop says 'Can't connect to this network', or connects and shows 'No internet'.",
        "cause": "Office Wi-Fi authenticates with a device certificate. If the laptop has been away from the network for a while, or after some updates, the certificate may have expired.",
        "resolution": (
            "1. Check that Wi-Fi is switched on and airplane mode is off.\n"
            "2. Click the Wi-Fi icon, select the office network and choose **Forget**, then connect again.\n"
            "3. If it still fails, plug the laptop into a network cable at any desk for 10 minutes.\n"
            "4. Restart the laptop while still connected by cable.\n"
            "5. Unplug the cable and connect to the office Wi-Fi again.\n"
            "6. If it still won't connect, call the help desk and tell us the exact error message.\n"
            "\n"
            "**Note:** Your phone joining the guest network doesn't tell us much; the staff network uses a different sign-in method."
        ),
        "tags": ["wifi", "802.1x", "certificate", "network"],
        "category": "network",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Free up space when your disk is full",
        "symptoms": "A red bar on the C: drive, 'Low disk space' warnings, or programs failing to save with 'Disk is full'.",
        "cause": "Large files such as videos, downloads and old installers fill the disk. Windows updates also need free space and fail without it.",
        "resolution": (
            "1. Open **Settings** → **System** → **Storage** to see what is using the space.\n"
            "2. Turn on **Storage Sense** and click **Run Storage Sense now** to remove temporary files.\n"
            "3. Empty the **Downloads** folder of installers and duplicates you no longer need.\n"
            "4. Right-click large folders in your OneDrive and choose **Free up space**. The files stay in the cloud and download when you open them.\n"
            "5. Empty the Recycle Bin.\n"
            "6. Check that at least 20 GB is free.\n"
            "\n"
            "**Note:** Don't delete anything in the Windows folder or Program Files. If you're still low on space, call us."
        ),
        "tags": ["disk-full", "storage", "onedrive"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Outlook not syncing or stuck on 'Updating Inbox'",
        "symptoms": "New emails don't appear in Outlook on the computer, but they show up on your phone or in Outlook on the web. The status bar may say 'Updating Inbox' or 'Disconnected'.",
        "cause": "Outlook's local copy of the mailbox is damaged or very large, or Outlook lost its connection and didn't recover.",
        "resolution": (
            "1. Check the status bar at the bottom of Outlook. If it says **Working Offline**, click **Send/Receive** and then **Work Offline** to switch it off.\n"
            "2. Close Outlook completely and open it again.\n"
            "3. Sign in to `https://outlook.office.com` to confirm the emails are in your mailbox.\n"
            "4. If they are, restart your computer and open Outlook again.\n"
            "5. If it still doesn't sync, call the help desk. We will rebuild the local mailbox copy, which takes about 20 minutes.\n"
            "\n"
            "**Note:** While you wait, you can use Outlook on the web, which always shows your mailbox as it is on the server."
        ),
        "tags": ["outlook", "sync", "email"],
        "category": "email",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Set up work email on your phone",
        "symptoms": "You want work email and calendar on your mobile, or the phone's built-in mail app stopped working with a password error.",
        "cause": "Work email on phones is only supported through the Outlook app, which uses secure sign-in. The built-in mail apps use a method that has been switched off.",
        "resolution": (
            "1. Install **Microsoft Outlook** from the App Store or Google Play.\n"
            "2. Install **Microsoft Authenticator** if it isn't on the phone already.\n"
            "3. Open Outlook and enter your work email address.\n"
            "4. Sign in with your normal password and approve the request in Authenticator.\n"
            "5. When asked, allow notifications and accept the company's app protection policy.\n"
            "6. Remove the old work account from the phone's built-in mail app.\n"
            "\n"
            "**Note:** The company can only remove company data from the Outlook app, never your personal photos or apps."
        ),
        "tags": ["mobile", "outlook", "email", "phone"],
        "category": "email",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Mailbox full: archive old email",
        "symptoms": "You get 'Your mailbox is full' or 'Your mailbox is almost full' and may no longer be able to send.",
        "cause": "Mailboxes have a size limit. Years of email with attachments eventually reach it.",
        "resolution": (
            "1. In Outlook, click **File** and look at **Mailbox Settings** to see how full the mailbox is.\n"
            "2. Empty **Deleted Items** and **Junk Email**.\n"
            "3. Sort your Sent Items by size and delete or save large attachments you no longer need by email.\n"
            "4. If the mailbox is still over 90%, call the help desk to enable the **Online Archive**.\n"
            "5. Once enabled, emails older than two years move to the archive automatically. You'll see it below your normal folders.\n"
            "\n"
            "**Note:** Archived email stays fully searchable. Choose **All Mailboxes** in the search scope."
        ),
        "tags": ["mailbox-full", "archive", "email"],
        "category": "email",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Share your calendar or give a delegate access",
        "symptoms": "An assistant or colleague needs to see or manage your calendar, or gets 'You don't have permission' when opening it.",
        "cause": "Calendars are private by default except for free/busy times; access must be granted by the owner.",
        "resolution": (
            "1. In Outlook, open your **Calendar**.\n"
            "2. Click **Share Calendar** in the ribbon and choose your calendar.\n"
            "3. Click **Add**, pick the colleague and click **OK**.\n"
            "4. Choose the permission: **Can view all details** to read, **Can edit** to book meetings, or **Delegate** to also receive meeting invitations.\n"
            "5. Click **OK**. The colleague receives an email to add your calendar.\n"
            "6. If the owner is unavailable, IT can set this up with the owner's written approval.\n"
            "\n"
            "**Note:** Delegate access to the calendar doesn't give access to your inbox."
        ),
        "tags": ["calendar", "delegation", "email"],
        "category": "email",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "No sound or microphone in Teams calls",
        "symptoms": "You can't hear others in a Teams call, or others can't hear you, although the headset works for music.",
        "cause": "Teams is using a different speaker or microphone than you expect, the microphone is muted on the headset, or Windows blocks microphone access.",
        "resolution": (
            "1. Check the mute button or switch on the headset cable or earcup.\n"
            "2. In Teams, click the three dots next to your profile picture, then **Settings** → **Devices**.\n"
            "3. Under **Audio devices**, choose your headset for both speaker and microphone.\n"
            "4. Click **Make a test call** and follow the prompts.\n"
            "5. If the microphone still doesn't work, open **Settings** → **Privacy and security** → **Microphone** in Windows and make sure microphone access is on.\n"
            "6. Unplug and replug the headset, then restart Teams.\n"
            "\n"
            "**Note:** Bluetooth headsets sound better with their own USB dongle than with the laptop's built-in Bluetooth."
        ),
        "tags": ["teams", "audio", "headset", "microphone"],
        "category": "telephony",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Computer running slowly",
        "symptoms": "Your PC takes a long time to start, programs open slowly, or the fan runs loudly all the time.",
        "cause": "Common causes are too many programs starting automatically, a nearly full disk, pending updates, or a computer that hasn't been restarted in weeks.",
        "resolution": (
            "1. Restart the computer using **Start** → **Power** → **Restart** (not Shut down), which clears memory properly.\n"
            "2. Install any waiting updates under **Settings** → **Windows Update**.\n"
            "3. Press `Ctrl+Shift+Esc` to open Task Manager and look at the **Startup apps** tab. Disable programs you don't need at start.\n"
            "4. Check free disk space; see the article on freeing up disk space.\n"
            "5. Close browser tabs you don't need; each tab uses memory.\n"
            "6. If it's still slow, call the help desk. We can look at it remotely.\n"
            "\n"
            "**Note:** Don't install 'PC cleaner' or 'speed booster' tools; they often make things worse."
        ),
        "tags": ["slow-pc", "performance", "startup"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Analyse a blue screen (stop error)",
        "symptoms": "Windows crashes to a blue screen with a stop code such as `DRIVER_IRQL_NOT_LESS_OR_EQUAL` or `CRITICAL_PROCESS_DIED`, then restarts.",
        "cause": "Mostly faulty or incompatible drivers, less often failing RAM or disk. A recent update or new peripheral is a strong clue.",
        "resolution": (
            "1. Ask the user for the stop code and what was connected (dock, USB devices) when it happened.\n"
            "2. Collect the minidump files from the Windows Minidump folder via the RMM file browser.\n"
            "3. Open the newest dump in WinDbg and run `!analyze -v`; note the faulting module.\n"
            "4. Check Windows Update history and Device Manager for drivers installed just before the first crash.\n"
            "5. Roll back or update the driver named in the analysis. Block the bad version in the update ring if it came from Windows Update.\n"
            "6. If no driver is implicated, run the vendor's hardware diagnostics for memory and disk.\n"
            "7. Monitor for a week before closing.\n"
            "\n"
            "**Note:** Turn on AutoSave for the user while the ticket is open."
        ),
        "tags": ["bsod", "driver", "windbg", "crash"],
        "category": "software",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "External monitors not working on the docking station",
        "symptoms": "Monitors connected to the dock stay black, flicker, or show 'No signal' while the laptop screen works.",
        "cause": "Loose or worn cables, outdated dock firmware, or the laptop not detecting the dock properly after sleep.",
        "resolution": (
            "1. Check that the dock's power light is on and the USB-C or Thunderbolt cable is firmly in the laptop.\n"
            "2. Unplug the dock cable from the laptop, wait ten seconds and plug it back in.\n"
            "3. Press `Windows+P` and choose **Extend**.\n"
            "4. Check each monitor's input setting matches the cable (HDMI or DisplayPort).\n"
            "5. Swap the cables between the two monitors to see if the problem follows the cable.\n"
            "6. Restart the laptop while docked.\n"
            "7. If it continues, call the help desk; we may need to update the dock firmware or swap the dock.\n"
            "\n"
            "**Note:** Most docks only support two external monitors at full resolution."
        ),
        "tags": ["docking-station", "monitor", "display"],
        "category": "hardware",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Keyboard or mouse not working properly",
        "symptoms": "Wireless mouse lags or jumps, keys don't respond, or the keyboard types the wrong characters.",
        "cause": "Flat batteries, interference with the wireless receiver, or an accidentally switched keyboard layout.",
        "resolution": (
            "1. Replace or recharge the batteries in the keyboard or mouse.\n"
            "2. Move the USB receiver to a port on the front of the PC, or use the extension cable so the receiver sits on the desk.\n"
            "3. Keep the receiver away from the blue USB 3 ports and metal desk panels.\n"
            "4. If wrong characters appear, check the language code next to the clock (for example ENG or DEU) and click it to switch back.\n"
            "5. Try the keyboard or mouse on another computer to rule out the device itself.\n"
            "6. If the device is faulty, request a replacement through the help desk portal.\n"
            "\n"
            "**Note:** The keyboard layout switches when `Alt+Shift` or `Windows+Space` is pressed together by accident."
        ),
        "tags": ["keyboard", "mouse", "peripherals"],
        "category": "hardware",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Set up or reset your voicemail",
        "symptoms": "You need to record a greeting, don't know your voicemail PIN, or voicemails don't arrive by email.",
        "cause": "Voicemail is set up per extension; the PIN and email delivery address are stored in the phone system.",
        "resolution": (
            "1. Press the **Messages** or envelope key on your desk phone.\n"
            "2. Enter your PIN followed by `#`. If you don't know it, ask the help desk to reset it.\n"
            "3. Choose **Options**, then **Greetings**, and record your personal greeting.\n"
            "4. Keep the greeting short: your name, that you're unavailable, and an alternative contact.\n"
            "5. To receive voicemails by email, ask the help desk to check the email address linked to your extension.\n"
            "\n"
            "**Note:** When you change your name or email address, voicemail delivery needs to be updated too."
        ),
        "tags": ["voicemail", "desk-phone", "pin"],
        "category": "telephony",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "SSO error: 'You can't get there from here'",
        "symptoms": "User sees a Microsoft sign-in page stating the application can only be accessed from devices that meet management policy. Usually works in the office but not from home.",
        "cause": "Conditional access requires a compliant or hybrid-joined device for the app. The device is non-compliant (missing update, encryption, or not enrolled) or the browser doesn't pass device identity.",
        "resolution": (
            "1. Open the sign-in log entry for the failure and check **Conditional Access** results to see which policy blocked it.\n"
            "2. Look up the device in Intune and read the compliance state and the failing setting.\n"
            "3. Fix the failing setting: install pending updates, enable BitLocker, or re-enrol the device.\n"
            "4. Trigger a device sync from Intune and ask the user to click **Sync** in Company Portal.\n"
            "5. Ask the user to use Edge, or Chrome with the Windows Accounts extension, so device identity is passed.\n"
            "6. Retest once the device shows **Compliant**.\n"
            "\n"
            "**Note:** Do not exclude users from the policy to work around compliance problems."
        ),
        "tags": ["sso", "conditional-access", "intune", "compliance"],
        "category": "account",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Map a shared network drive",
        "symptoms": "A shared drive such as S: is missing from This PC, or you need to connect a new shared folder.",
        "cause": "Drives are connected at sign-in. If the computer wasn't on the office network or VPN at that moment, the drive isn't connected.",
        "resolution": (
            "1. Make sure you're in the office or connected to the VPN.\n"
            "2. Sign out of Windows and sign in again; the usual drives reconnect automatically.\n"
            "3. If the drive is still missing, open **File Explorer**, right-click **This PC** and choose **Map network drive**.\n"
            "4. Choose the drive letter and enter the folder path from your welcome email, for example `\\\\fs01\\shared`.\n"
            "5. Tick **Reconnect at sign-in** and click **Finish**.\n"
            "6. Alternatively, open a command prompt and run `net use S: \\\\fs01\\shared /persistent:yes`.\n"
            "\n"
            "**Note:** If Windows says access is denied, you need permission from the folder owner. Request it through the help desk portal."
        ),
        "tags": ["mapped-drive", "file-share", "access"],
        "category": "access",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "OneDrive or SharePoint files not syncing",
        "symptoms": "The OneDrive icon shows a red cross or a pause symbol, files show a red circle, or changes don't appear on other devices.",
        "cause": "File names with unsupported characters, paths that are too long, files open in another program, or folders copied with permissions OneDrive can't read.",
        "resolution": (
            "1. Click the OneDrive cloud icon near the clock and read the error message at the top.\n"
            "2. If sync is paused, click **Resume syncing**.\n"
            "3. For 'file name not valid' errors, rename the file to remove characters such as `:` `*` `?` `|` or a trailing space.\n"
            "4. For 'path too long' errors, shorten folder names or move the folder higher up.\n"
            "5. Close files that are open in Office and wait a few minutes.\n"
            "6. If the error says access is denied, don't keep retrying; call the help desk so we can reset the folder permissions.\n"
            "\n"
            "**Note:** Never delete the OneDrive folder to 'start over'. Deletions sync to the cloud."
        ),
        "tags": ["onedrive", "sharepoint", "sync"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Browser shows a certificate warning",
        "symptoms": "The browser says 'Your connection is not private' or 'Warning: Potential Security Risk Ahead' with codes like `NET::ERR_CERT_DATE_INVALID`.",
        "cause": "The website's security certificate has expired, doesn't match the site name, or the computer's clock is wrong. Occasionally it means someone is intercepting the connection.",
        "resolution": (
            "1. Do **not** click 'Advanced' and continue, especially on pages asking for a password.\n"
            "2. Check the date and time on your computer are correct.\n"
            "3. Try the same site on a colleague's computer. If they see the warning too, the problem is the website.\n"
            "4. For internal sites such as the intranet, report it to the help desk with a screenshot.\n"
            "5. For external sites you don't know, close the tab.\n"
            "\n"
            "**Note:** The help desk will never ask you to ignore a certificate warning."
        ),
        "tags": ["certificate", "browser", "tls", "security"],
        "category": "security",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "How to report a phishing email",
        "symptoms": "You received an unexpected email asking you to sign in, pay an invoice, open an attachment or change bank details. The sender looks slightly off.",
        "cause": "Criminals impersonate suppliers, colleagues and well-known services to steal passwords or money.",
        "resolution": (
            "1. Don't click links, open attachments or reply.\n"
            "2. In Outlook, select the email and click **Report** → **Report phishing** in the ribbon.\n"
            "3. If you already clicked a link and entered your password, call the help desk **immediately**. Minutes matter.\n"
            "4. If the email claims to be from a supplier or colleague, confirm by phone using a number you already have.\n"
            "5. Delete the email after reporting it.\n"
            "\n"
            "**Note:** Reporting is never a waste of our time, even if it turns out to be genuine."
        ),
        "tags": ["phishing", "report", "security", "email"],
        "category": "security",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Request new software",
        "symptoms": "You need a program that isn't installed on your computer.",
        "cause": "Users don't have administrator rights, so software is installed through Company Portal or by IT after approval.",
        "resolution": (
            "1. Open **Company Portal** from the Start menu and search for the program.\n"
            "2. If it's listed, click **Install**. No approval needed.\n"
            "3. If it isn't listed, submit a **Software request** in the help desk portal with the program name, why you need it and your manager's name.\n"
            "4. We check licensing and security, then ask your manager to approve.\n"
            "5. Once approved, the program appears in Company Portal for you to install.\n"
            "\n"
            "**Note:** Paid software may need a cost centre. Please allow up to five working days for new products."
        ),
        "tags": ["software-request", "install", "company-portal"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Assign or reclaim a software licence",
        "symptoms": "User sees 'trial expired', 'unlicensed product' or 'sign in to activate' in Office, Acrobat or another subscription app.",
        "cause": "Licence not assigned after onboarding or device swap, or the seat was released when an old device or account was retired.",
        "resolution": (
            "1. Check the user's licence group in Entra, or the product's admin console for non-group-based products.\n"
            "2. Check free seats. If none are available, look for seats held by disabled or leaver accounts and reclaim them.\n"
            "3. Assign the licence, preferably by adding the user to the licence group.\n"
            "4. Ask the user to close the application, sign out of it and sign in with their work account.\n"
            "5. For Office, run `cscript ospp.vbs /dstatus` if activation still fails, or use the Microsoft Support and Recovery Assistant.\n"
            "6. Update the licence register and note the seat count in the ticket.\n"
            "\n"
            "**Note:** Purchases of additional seats need approval from the account owner at the customer."
        ),
        "tags": ["license", "activation", "microsoft-365", "acrobat"],
        "category": "software",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "New starter setup checklist",
        "symptoms": "HR or a manager announces a new employee and requests an account, equipment and access.",
        "cause": "Onboarding request; not a fault.",
        "resolution": (
            "1. Confirm start date, role, manager and location from the HR form. Don't create accounts from an informal email alone.\n"
            "2. Create the account, set the licence group and mailbox. Copy groups from the named peer, but leave out personal and distribution lists that don't fit.\n"
            "3. Request line-of-business roles (accounting, practice management) from the application owner.\n"
            "4. Prepare the laptop through Autopilot, check Company Portal apps, and label the asset with the user's name.\n"
            "5. Provision a desk phone or softphone if requested.\n"
            "6. Schedule the temporary password SMS for 08:00 on the start day.\n"
            "7. Book 30 minutes on day one for sign-in, MFA registration and a short orientation.\n"
            "\n"
            "**Note:** Record the asset serial against the user in the asset register before handover."
        ),
        "tags": ["onboarding", "new-starter", "checklist"],
        "category": "account",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Leaver offboarding checklist",
        "symptoms": "HR notifies IT that an employee is leaving.",
        "cause": "Offboarding request; not a fault.",
        "resolution": (
            "1. Confirm the last working day and time with HR, and whether the departure is friendly or requires immediate disabling.\n"
            "2. Schedule account disablement for the agreed time; revoke sessions and remove MFA methods at the same moment.\n"
            "3. Convert the mailbox to a shared mailbox, set the auto-reply and any forwarding approved by HR.\n"
            "4. Move home drive and OneDrive content the team needs to the agreed team location.\n"
            "5. Remove group memberships and line-of-business roles; reclaim licences.\n"
            "6. Collect laptop, phone, tokens and badges; wipe and reissue or retire.\n"
            "7. Set a review date (usually 60 to 90 days) to delete the shared mailbox.\n"
            "\n"
            "**Note:** Access to a leaver's personal data by colleagues needs HR approval and must be limited in scope."
        ),
        "tags": ["offboarding", "leaver", "checklist"],
        "category": "account",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Restore files from the nightly backup",
        "symptoms": "A file or folder was deleted or overwritten on a file server and isn't available in Previous Versions.",
        "cause": "Deletions on network shares don't go to the user's Recycle Bin, and shadow copies may be disabled or too old.",
        "resolution": (
            "1. Get the exact path, the folder or file name and the date it was last known to be correct.\n"
            "2. Check Previous Versions on the parent folder first; it's faster if a shadow copy exists.\n"
            "3. In the backup console, find the latest restore point before the deletion and browse to the path.\n"
            "4. Restore to the original location if nothing new was created there, otherwise restore to a folder with the suffix `_restored` and let the user compare.\n"
            "5. Keep permissions when restoring.\n"
            "6. Ask the user to confirm the contents and note the file count in the ticket.\n"
            "\n"
            "**Note:** For restores older than 30 days, check the offsite retention; it can take a day to retrieve."
        ),
        "tags": ["backup", "restore", "file-share"],
        "category": "access",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "UPS is beeping or shows a battery warning",
        "symptoms": "The battery backup unit in the comms cupboard beeps repeatedly or shows a red light or battery symbol.",
        "cause": "The UPS is running on battery because of a power problem, is overloaded, or its batteries have failed the self-test and need replacing.",
        "resolution": (
            "1. Check whether the office has power. If the lights are out, the UPS is doing its job; call the help desk and we'll monitor remaining runtime.\n"
            "2. If there's power, look at the display or lights: a battery symbol usually means replace battery, an overload symbol means too much is plugged in.\n"
            "3. Silence the alarm by pressing and holding the button with the bell or mute symbol for two seconds.\n"
            "4. Don't unplug anything from the UPS or switch it off.\n"
            "5. Call the help desk with a photo of the display. We'll order replacement batteries if needed.\n"
            "\n"
            "**Note:** UPS batteries typically last three to five years."
        ),
        "tags": ["ups", "battery", "comms-room", "hardware"],
        "category": "hardware",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Restart the office internet router safely",
        "symptoms": "Nobody in the office can reach the internet, while the network inside the office still works.",
        "cause": "The router or fibre modem has hung, or the internet provider has a fault.",
        "resolution": (
            "1. Check whether the provider's status page reports an outage (use a phone on mobile data).\n"
            "2. Look at the lights on the fibre modem and router. Note which ones are red or off; a photo helps.\n"
            "3. Switch off the router at the power button or unplug it. Leave the fibre modem on.\n"
            "4. Wait 30 seconds, then switch the router back on.\n"
            "5. Allow five minutes for everything to reconnect.\n"
            "6. If the internet doesn't come back, call the help desk. We'll raise a fault with the provider.\n"
            "\n"
            "**Note:** Don't press the small reset hole; that erases the router's configuration."
        ),
        "tags": ["router", "internet", "outage", "network"],
        "category": "network",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Resolve an IP address conflict",
        "symptoms": "Windows reports 'IP address conflict' and the network drops briefly, often after new equipment was installed.",
        "cause": "A device with a static IP inside the DHCP pool, or two DHCP servers handing out the same range.",
        "resolution": (
            "1. From the affected PC, note the conflicting address with `ipconfig /all`.\n"
            "2. Run `arp -a` and check the MAC address owning that IP; look up the vendor prefix to identify the device.\n"
            "3. Check the DHCP server for the lease and for any rogue DHCP offers (`Get-DhcpServerv4ScopeStatistics`, switch DHCP snooping logs).\n"
            "4. Move the static device to a reservation outside the pool and update any print queue or configuration that points at it.\n"
            "5. On the PC, run `ipconfig /release` and `ipconfig /renew`.\n"
            "6. Document the reservation in the IP plan.\n"
            "\n"
            "**Note:** Printers, cameras and card terminals installed by third parties are the usual culprits."
        ),
        "tags": ["dhcp", "ip-conflict", "network"],
        "category": "network",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Websites don't load: DNS troubleshooting",
        "symptoms": "Browser shows `DNS_PROBE_FINISHED_NXDOMAIN` or 'server IP address could not be found' for all sites, while apps like Teams still work.",
        "cause": "Client is using a DNS server that is down, retired or misconfigured, often handed out by DHCP.",
        "resolution": (
            "1. Run `ipconfig /all` and note the DNS servers listed.\n"
            "2. Test each with `nslookup example.com 10.0.0.5` (replace with the listed server).\n"
            "3. If one fails, check DHCP scope and server options for that subnet.\n"
            "4. Remove retired servers from option 006 and check the forwarders on the remaining DNS servers.\n"
            "5. Ask affected users to restart or run `ipconfig /renew` and `ipconfig /flushdns`.\n"
            "6. Confirm resolution on at least two affected machines.\n"
            "\n"
            "**Note:** When decommissioning a domain controller, always update DHCP options and static DNS settings the same day."
        ),
        "tags": ["dns", "dhcp", "network", "browser"],
        "category": "network",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Pair a Bluetooth headset with Windows",
        "symptoms": "A new wireless headset needs connecting, or an existing one won't connect or sounds poor in calls.",
        "cause": "The headset isn't paired, is paired to another device (such as your phone) at the same time, or the wrong audio mode is selected.",
        "resolution": (
            "1. Put the headset in pairing mode; usually hold the power button until the light flashes blue and red.\n"
            "2. On the laptop, open **Settings** → **Bluetooth and devices** and click **Add device** → **Bluetooth**.\n"
            "3. Select the headset from the list and wait for **Connected**.\n"
            "4. If the headset came with a USB dongle, plug it in instead; it gives much better call quality.\n"
            "5. In Teams, choose the headset under **Settings** → **Devices** for both speaker and microphone.\n"
            "6. Make a test call.\n"
            "\n"
            "**Note:** If the headset is also paired with your phone, it may connect to the phone first. Switch off Bluetooth on the phone while testing."
        ),
        "tags": ["bluetooth", "headset", "audio"],
        "category": "telephony",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Scan to email not working on the copier",
        "symptoms": "Copier scans but emails don't arrive, or the device shows 'Send failed' or an authentication error.",
        "cause": "SMTP basic authentication has been disabled in the mail tenant, the service account password expired, or the device can't resolve the mail host.",
        "resolution": (
            "1. Read the exact error on the device's job log.\n"
            "2. Log in to the device web interface and note the SMTP server, port and authentication settings.\n"
            "3. If it uses SMTP AUTH with a mailbox, check whether SMTP AUTH is still allowed for that mailbox.\n"
            "4. Preferred: configure an inbound connector restricted to the site's public IP and point the device at the MX host on port 25, with no authentication.\n"
            "5. Restrict the sender address to the scanner's address and test a scan to an internal and an external recipient.\n"
            "6. Disable any now-unused service account.\n"
            "\n"
            "**Note:** Record the relay configuration in the site documentation; it must be updated if the site's public IP changes."
        ),
        "tags": ["scan-to-email", "smtp", "mfp", "printing"],
        "category": "printing",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Laptop battery drains quickly or looks swollen",
        "symptoms": "The battery runs out much faster than it used to, the laptop shuts down at 20%, or the case, keyboard or touchpad bulges.",
        "cause": "Batteries wear out over time. A swollen battery is a chemical fault and a fire risk.",
        "resolution": (
            "1. If anything is bulging, stop using and charging the laptop immediately and call the help desk. Don't carry it in a bag.\n"
            "2. Otherwise, open **Settings** → **System** → **Power and battery** and check which apps use the most power.\n"
            "3. Lower screen brightness and close apps you aren't using.\n"
            "4. Choose the **Best power efficiency** power mode when not plugged in.\n"
            "5. If the battery still lasts much less than a working day, contact the help desk. We'll check its health and replace it under warranty if possible.\n"
            "\n"
            "**Note:** Leaving a laptop plugged in all the time is fine; modern laptops manage charging themselves."
        ),
        "tags": ["battery", "laptop", "swollen-battery", "hardware"],
        "category": "hardware",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Provide a BitLocker recovery key",
        "symptoms": "User reports a blue BitLocker recovery screen at startup asking for a 48-digit key, typically after a BIOS or firmware update or hardware change.",
        "cause": "TPM measurements changed (firmware update, Secure Boot change, docking or hardware change) so the TPM doesn't release the key automatically.",
        "resolution": (
            "1. Verify the caller's identity: callback to the registered number plus manager confirmation.\n"
            "2. Ask the user to read the first 8 characters of the **Key ID** shown on screen.\n"
            "3. In Intune or Entra, open the device and find the recovery key whose ID matches.\n"
            "4. Read the key out in groups of six digits and ask the user to type it in.\n"
            "5. Check that key rotation after use is enabled so the disclosed key becomes invalid.\n"
            "6. If recovery happens repeatedly, suspend and resume protection with `manage-bde -protectors -disable C: -RebootCount 1` before firmware updates.\n"
            "\n"
            "**Note:** Never send recovery keys by email or chat."
        ),
        "tags": ["bitlocker", "recovery-key", "encryption", "security"],
        "category": "security",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Teams won't start or is stuck loading",
        "symptoms": "Teams shows a spinning logo or a blank white window, or keeps asking you to sign in.",
        "cause": "Teams' local cache is corrupted, often after an update or an interrupted shutdown.",
        "resolution": (
            "1. Right-click the Teams icon near the clock and choose **Quit**.\n"
            "2. Open **Settings** → **Apps** → **Installed apps**, find **Microsoft Teams**, click the three dots, then **Advanced options**.\n"
            "3. Click **Reset**. This clears the cache but not your chats or files.\n"
            "4. Start Teams again and sign in. The first start can take a couple of minutes.\n"
            "5. If you have a meeting right now, join from `https://teams.microsoft.com` in the browser meanwhile.\n"
            "\n"
            "**Note:** Your chats, files and meetings are stored online, so resetting Teams doesn't lose anything."
        ),
        "tags": ["teams", "cache", "software"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "What to do if a device is lost or stolen",
        "symptoms": "A work laptop, phone or tablet has been lost, left behind or stolen.",
        "cause": "Not applicable.",
        "resolution": (
            "1. Call the help desk straight away, at any time. Premium customers can call 24 hours a day.\n"
            "2. Tell us the device, when and where you last had it, and whether it was switched off or just locked.\n"
            "3. We'll lock the device and sign you out of all company services remotely.\n"
            "4. If it was stolen, report it to the police and send us the reference number.\n"
            "5. Contact lost property if you left it on public transport.\n"
            "6. We'll arrange a replacement device and decide together when to wipe the lost one.\n"
            "\n"
            "**Note:** Company laptops are encrypted, so your files can't be read without your sign-in."
        ),
        "tags": ["lost-device", "stolen", "security", "remote-wipe"],
        "category": "security",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Outbound email rejected with SPF failure (550 5.7.1)",
        "symptoms": "Mail to some external domains bounces with `550 5.7.1` mentioning SPF, while mail to most others is delivered.",
        "cause": "The domain's SPF record is missing a sending service, has a syntax error, or exceeds the limit of 10 DNS lookups. Strict receivers reject the message.",
        "resolution": (
            "1. Read the full NDR and note the receiving server and exact rejection text.\n"
            "2. Check the current record with `nslookup -type=txt customer-domain.example` and an SPF validator.\n"
            "3. Count DNS lookups: each `include`, `a`, `mx` and `redirect` counts. Over 10 means a permerror.\n"
            "4. Add missing senders (e-signature, CRM, newsletter tools) and flatten or remove unused includes.\n"
            "5. Keep the record ending in `~all` unless DMARC reporting confirms all sources are covered.\n"
            "6. After the TTL expires, ask the user to resend and confirm delivery.\n"
            "\n"
            "**Note:** Changes to the customer's DNS need approval from their domain contact."
        ),
        "tags": ["spf", "dns", "bounce", "email"],
        "category": "email",
        "visibility": "internal",
        "status": "published",
    },
    {
        "title": "Guest Wi-Fi for visitors",
        "symptoms": "Visitors need internet access, or guests connect to the guest Wi-Fi but get no login page.",
        "cause": "Guest Wi-Fi uses a splash page or a password that changes regularly. If the splash page doesn't appear, the device may be blocking it.",
        "resolution": (
            "1. Ask the visitor to connect to the **Guest** network.\n"
            "2. The login page should open automatically. If not, ask them to open a browser and go to `http://neverssl.com`.\n"
            "3. They accept the terms of use and are connected for 12 hours.\n"
            "4. For events with many guests, request a temporary event password from the help desk at least one working day in advance.\n"
            "5. Never give visitors the staff Wi-Fi password or connect their devices to the staff network.\n"
            "\n"
            "**Note:** Guest Wi-Fi is separated from the company network and can't reach printers or shared drives."
        ),
        "tags": ["guest-wifi", "captive-portal", "network"],
        "category": "network",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Send large files: share a link instead of attaching",
        "symptoms": "Outlook says the attachment is too large, or the recipient says your email never arrived.",
        "cause": "Email has a size limit per message, and many recipients have smaller limits than ours.",
        "resolution": (
            "1. Save the file in OneDrive or a SharePoint or Teams folder.\n"
            "2. Right-click the file and choose **Share**.\n"
            "3. Click the settings icon and choose **Specific people** and, for outside recipients, **Can view**.\n"
            "4. Set an expiry date if the setting is available.\n"
            "5. Type the recipient's email address and click **Send**.\n"
            "6. The recipient receives a link and, on first opening, a verification code by email.\n"
            "\n"
            "**Note:** You can stop sharing at any time under **Manage access**."
        ),
        "tags": ["attachment", "size-limit", "onedrive-sharing", "email"],
        "category": "email",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Printer reports a paper jam but nothing is stuck",
        "symptoms": "The printer shows a jam message after every restart even though all trays and doors are clear.",
        "cause": "A small scrap of paper hidden in the paper path, or a broken sensor flag that makes the printer think paper is still there.",
        "resolution": (
            "1. Switch the printer off.\n"
            "2. Open every door and tray mentioned in the message and look for small torn pieces with a torch.\n"
            "3. Gently move any plastic flags in the paper path; they should spring back freely.\n"
            "4. Close all doors firmly and switch the printer on.\n"
            "5. If the message returns immediately, stop using the printer and call the help desk with a photo of the message.\n"
            "\n"
            "**Note:** Always pull jammed paper in the direction it travels through the printer; pulling it backwards can break the sensors."
        ),
        "tags": ["paper-jam", "printing", "sensor"],
        "category": "printing",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Print from a Mac with the correct driver",
        "symptoms": "Printing from a Mac produces pages of text starting with `%!PS-Adobe` or random characters, or the printer ignores duplex and tray settings.",
        "cause": "The Mac added the printer with the 'Generic PostScript' driver, and the printer doesn't understand PostScript or needs its own options.",
        "resolution": (
            "1. Cancel the print job and take any misprinted paper out of the tray.\n"
            "2. Open **System Settings** → **Printers and Scanners**.\n"
            "3. Select the printer and click **Remove Printer**.\n"
            "4. Install the printer package for your office from **Self Service**.\n"
            "5. If adding manually, click **Add Printer**, select the printer and, under **Use**, choose the model-specific driver.\n"
            "6. Print a test page.\n"
            "\n"
            "**Note:** Don't use AirPrint for office printers; it bypasses secure print release."
        ),
        "tags": ["macos", "printer-driver", "postscript", "printing"],
        "category": "printing",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Mac keeps asking for your old password",
        "symptoms": "After changing your work password, the Mac asks for the 'login keychain' password or still wants the old password to unlock.",
        "cause": "The Mac's local account password wasn't updated together with your work password.",
        "resolution": (
            "1. Connect to the office network or VPN.\n"
            "2. Look for a notification asking you to sign in with your work account, or open **Self Service** and run **Sync password**.\n"
            "3. Sign in with your new work password.\n"
            "4. When asked for the old password to update the keychain, enter the old one.\n"
            "5. Restart the Mac and log in with the new password.\n"
            "\n"
            "**Note:** If you don't remember the old password, the keychain can be reset, but saved website passwords in Safari will be lost. Call us first."
        ),
        "tags": ["macos", "keychain", "password"],
        "category": "account",
        "visibility": "public",
        "status": "draft",
    },
    {
        "title": "Windows update stuck or failing",
        "symptoms": "A 'Working on updates' screen stays at the same percentage for hours, or an update fails again and again.",
        "cause": "Usually too little free disk space, an interrupted download, or a driver blocking the update.",
        "resolution": (
            "1. If the screen hasn't changed for more than two hours, hold the power button for ten seconds to switch off, then start again. Windows will roll back.\n"
            "2. Once logged in, make sure at least 20 GB is free on C:.\n"
            "3. Open **Settings** → **Windows Update** and click **Retry** or **Check for updates**.\n"
            "4. Leave the laptop plugged in and connected overnight.\n"
            "5. If the same update fails again, note the error code shown and call the help desk.\n"
            "\n"
            "**Note:** Don't switch off during the first two hours; large updates can take a long time."
        ),
        "tags": ["windows-update", "stuck", "software"],
        "category": "software",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Authenticator prompts you didn't request",
        "symptoms": "Your phone shows 'Approve sign-in?' or asks for a number, but you're not signing in to anything.",
        "cause": "Someone else knows your password and is trying to sign in as you. They're hoping you'll approve by mistake.",
        "resolution": (
            "1. **Deny** the request, or tap **No, it's not me**.\n"
            "2. Call the help desk straight away, even at night if your plan includes 24-hour support.\n"
            "3. We will reset your password and sign out all sessions.\n"
            "4. Choose a new password you haven't used anywhere else.\n"
            "5. If you use the same password for personal accounts, change those too.\n"
            "\n"
            "**Note:** Never approve a prompt to 'make it stop'. That's exactly what the attacker wants."
        ),
        "tags": ["mfa-fatigue", "authenticator", "security"],
        "category": "security",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "File is locked for editing by another user",
        "symptoms": "Opening a file on the shared drive says it's locked by a colleague, and you can only open a read-only copy.",
        "cause": "The colleague has the file open, or their computer crashed or went to sleep while it was open and the server still holds the lock.",
        "resolution": (
            "1. Ask the colleague to close the file.\n"
            "2. If they have already closed it, ask them to close Excel or Word completely.\n"
            "3. Wait a few minutes and try again.\n"
            "4. If the colleague is away or the lock doesn't clear, call the help desk; we can release the lock on the server.\n"
            "5. For files several people edit often, ask us to move them to SharePoint or Teams so you can edit together.\n"
            "\n"
            "**Note:** Don't save a copy with a new name to get around the lock; you'll end up with two versions."
        ),
        "tags": ["file-lock", "file-share", "excel"],
        "category": "access",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Request access to a shared folder or SharePoint site",
        "symptoms": "You see 'Access denied' or 'You need permission' when opening a folder or site you need for your work.",
        "cause": "Access is granted by the data owner (usually the department manager) and isn't automatic when changing teams.",
        "resolution": (
            "1. On a SharePoint 'Access required' page, type a short reason and click **Request access**; the site owner is notified.\n"
            "2. For shared drive folders, submit an **Access request** in the help desk portal with the full folder path and the access you need (read or edit).\n"
            "3. We ask the folder owner to approve.\n"
            "4. After approval, sign out and back in to see the folder.\n"
            "5. If you changed roles, tell us which old access you no longer need.\n"
            "\n"
            "**Note:** Access requests approved by the owner are usually done the same working day."
        ),
        "tags": ["access-request", "sharepoint", "file-share", "permissions"],
        "category": "access",
        "visibility": "public",
        "status": "draft",
    },
    {
        "title": "Desk phone shows 'No service' or 'Unregistered'",
        "symptoms": "The desk phone display is on, but there's no dial tone and it shows 'No service', 'Unregistered' or 'Network down'.",
        "cause": "The network cable is in the wrong socket on the phone or loose, or the phone lost its registration after a network outage.",
        "resolution": (
            "1. Check the back of the phone: the cable from the wall must be in the socket marked **LAN**, **Internet** or with a network symbol, not **PC**.\n"
            "2. Push both ends of the cable in until they click.\n"
            "3. Unplug the phone's power (or network cable if there's no power adapter) for ten seconds and plug it back in.\n"
            "4. Wait two minutes for the phone to start and register.\n"
            "5. If it still shows 'No service', call the help desk from a mobile and tell us the extension number.\n"
            "\n"
            "**Note:** If every phone in the office shows 'No service' at once, it's a network or provider problem; call us immediately."
        ),
        "tags": ["desk-phone", "registration", "telephony"],
        "category": "telephony",
        "visibility": "public",
        "status": "published",
    },
    {
        "title": "Forward calls or use the softphone app when working remotely",
        "symptoms": "You're working away from your desk and want calls to your office number to reach you.",
        "cause": "Not a fault; a configuration choice.",
        "resolution": (
            "1. Ask the help desk to enable the mobile softphone for your extension.\n"
            "2. Install the phone system app from your phone's app store.\n"
            "3. Open the setup email from the help desk on your computer and scan the QR code with the app.\n"
            "4. Allow the app to use the microphone and send notifications.\n"
            "5. Make a test call to a colleague. They will see your office number, not your mobile number.\n"
            "\n"
            "**Note:** Simple call forwarding to a mobile is possible too, but clients then see your mobile number when you call them back."
        ),
        "tags": ["call-forwarding", "softphone", "remote-work", "telephony"],
        "category": "telephony",
        "visibility": "public",
        "status": "draft",
    },
    {
        "title": "Replace scanner rollers when pages multi-feed",
        "symptoms": "The document scanner pulls in several sheets at once, stops with 'multifeed detected', or skews pages.",
        "cause": "Pick and separation rollers wear out and lose grip after a set number of pages.",
        "resolution": (
            "1. Check the roller page counter in the scanner's utility software.\n"
            "2. Clean the rollers with a lint-free cloth slightly dampened with isopropyl alcohol.\n"
            "3. If the counter is past the manufacturer's interval, order the roller kit for the model.\n"
            "4. Replace the pick and brake rollers following the manual; no tools are needed on most models.\n"
            "5. Reset the roller counter in the utility.\n"
            "6. Scan a 50-page test stack of mixed paper.\n"
            "\n"
            "**Note:** Staples and sticky notes wear rollers out faster; remove them before scanning."
        ),
        "tags": ["scanner", "rollers", "multifeed", "hardware"],
        "category": "hardware",
        "visibility": "internal",
        "status": "draft",
    },
    {
        "title": "Sign in to Skype for Business on your desk phone",
        "symptoms": "Desk phone shows the Skype for Business sign-in screen or 'Cannot sign in'.",
        "cause": "Skype for Business Online has been retired; desk phones now register directly with the phone system.",
        "resolution": (
            "1. Press **Sign in** on the phone.\n"
            "2. Choose **User sign-in** and enter your work email.\n"
            "3. Enter your password and PIN.\n"
            "4. Wait for the phone to show your extension.\n"
            "\n"
            "**Note:** Kept for reference only. If you still see this screen, call the help desk to have the phone reprovisioned."
        ),
        "tags": ["skype-for-business", "desk-phone", "legacy"],
        "category": "telephony",
        "visibility": "public",
        "status": "archived",
    },
    {
        "title": "Set up work email in the iPhone Mail app",
        "symptoms": "You want work email in the built-in Mail app on an iPhone.",
        "cause": "Not a fault.",
        "resolution": (
            "1. Open **Settings** → **Mail** → **Accounts** → **Add Account**.\n"
            "2. Choose **Microsoft Exchange** and enter your work email.\n"
            "3. Tap **Configure Manually** and enter the server `mail.customer-domain.example`.\n"
            "4. Enter your password and tap **Next**.\n"
            "5. Choose which items to sync and tap **Save**.\n"
            "\n"
            "**Note:** Replaced by 'Set up work email on your phone'. The Mail app method stopped working when basic authentication was switched off."
        ),
        "tags": ["iphone", "mail-app", "legacy", "email"],
        "category": "email",
        "visibility": "public",
        "status": "archived",
    },
]
