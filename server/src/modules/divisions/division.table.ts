export interface DivisionTable {
  code: string;
  parentCode: string | null;
  name: string;
  level: 'district' | 'street' | 'community';
  kind: string;
  source: string;
}
